using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Siamese.DevStorage;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Model.Recipes;
using Siamese.Model.Training;
using Siamese.Testing;
using Siamese.Trainer.Commands;

namespace Siamese.Trainer.Tests;

/// <summary>The command-line options generated from the options classes, and the documentation's tables rendered from them.</summary>
public class SettingOptionsTests
{
    [Fact]
    public void Every_setting_option_has_a_description_and_a_name_of_its_own_and_every_description_a_setting()
    {
        var options = new SettingOptions(TrainCommand.Settings).Options.Concat(new SettingOptions(WatchCommand.Settings).Options).ToList();

        Assert.All(options, setting => Assert.False(string.IsNullOrWhiteSpace(setting.Option.Description),
            $"{setting.Option.Name} needs a description in SettingTexts"));
        Assert.Equal(options.Count, options.Select(setting => setting.Option.Name).Distinct().Count());
        Assert.Empty(SettingTexts.DescribedKeys.Except(options.SelectMany(setting => setting.Keys)));
    }

    [Fact]
    public void Only_options_given_on_the_command_line_become_configuration()
    {
        var settings = new SettingOptions(TrainCommand.Settings);
        var command = new RootCommand();
        settings.AddTo(command);

        ParseResult result = command.Parse(["--lr", "0.001", "--pairs-per-class", "3", "--rotated-classes", "--color", "grayscale"]);

        Assert.Empty(result.Errors);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Training:LearningRate"] = "0.001",
            ["Training:RotatedClasses"] = "True",
            ["Model:ColorMode"] = "Grayscale",
            ["Sampling:PositivesPerClass"] = "3",
            ["Sampling:NegativesPerClass"] = "3",
        }, settings.Given(result));
        Assert.Empty(settings.Given(command.Parse([])));
    }

    [Theory]
    [InlineData("train")]
    [InlineData("watch")]
    public void The_readme_lists_every_setting_option_with_its_default(string command)
    {
        string table = Table(new SettingOptions(command == "train" ? TrainCommand.Settings : WatchCommand.Settings));
        Assert.True(DocumentedDefaults.Text.Contains(table, StringComparison.Ordinal),
            $"README.md or docs/ should list the options of `{command}` as the options classes and SettingTexts define them; " +
            $"the table:\n{table}");
    }

    [Fact]
    public void The_readmes_same_as_line_for_the_inbatch_recipe_is_the_recipe()
    {
        string readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        Match block = Regex.Match(readme,
            @"-- train \\\n(?<command>(?:.*\\\n)*.*--recipe inbatch.*)\n# the same as: (?<same>.*(?:\n#   .*)*)");
        Assert.True(block.Success, "README.md has a `train --recipe inbatch` command with a '# the same as:' list");
        string[] command = Tokens(block.Groups["command"].Value);
        string[] own = Enumerable.Range(0, command.Length / 2).Select(i => (command[2 * i], command[2 * i + 1]))
            .Where(o => o.Item1 is not ("--data" or "--out" or "--recipe"))
            .SelectMany(o => new[] { o.Item1, o.Item2 })
            .ToArray();
        string[] sameAs = Tokens(block.Groups["same"].Value.Replace("#", " ", StringComparison.Ordinal));

        var stated = Bind(Given(sameAs).Concat(Given(own)).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value));
        TrainingRecipe recipe = TrainingRecipes.Resolve(TrainingRecipes.InBatch, Given(own));

        Assert.Equal(Json(recipe.Model), Json(stated.Model));
        Assert.Equal(Json(recipe.Training), Json(stated.Training));
        Assert.Equal(Json(recipe.Jitter), Json(stated.Jitter));
    }

    private static string[] Tokens(string text) =>
        text.Replace("\\", " ", StringComparison.Ordinal).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The settings given by <paramref name="arguments"/>, as `train` reads them.</summary>
    private static Dictionary<string, string?> Given(string[] arguments)
    {
        var settings = new SettingOptions(TrainCommand.Settings);
        var command = new RootCommand();
        settings.AddTo(command);
        ParseResult result = command.Parse(arguments);
        Assert.Empty(result.Errors);
        return settings.Given(result);
    }

    /// <summary>The options `train` without --recipe runs with: the options classes' defaults and <paramref name="settings"/>.</summary>
    private static (ModelOptions Model, TrainingOptions Training, JitterOptions Jitter) Bind(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var (model, training, jitter) = (new ModelOptions(), new TrainingOptions(), new JitterOptions());
        configuration.GetSection(ModelOptions.Section).Bind(model);
        configuration.GetSection(TrainingOptions.Section).Bind(training);
        configuration.GetSection(JitterOptions.Section).Bind(jitter);
        return (model, training, jitter);
    }

    private static string Json(object options) => JsonSerializer.Serialize(options, options.GetType());

    /// <summary>One row per option: its name, the settings it sets, the default and what it means.</summary>
    private static string Table(SettingOptions settings) =>
        string.Join('\n', new[] { "| option | setting | default | meaning |", "|---|---|---|---|" }.Concat(
            settings.Options.Select(setting =>
                $"| `{setting.Option.Name}` | {string.Join(", ", setting.Keys.Select(key => $"`{key}`"))} | " +
                $"{setting.DefaultText} | {setting.Option.Description} |"))) + "\n";
}
