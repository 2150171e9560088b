using System.CommandLine;
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
        Assert.True(ReadmeDefaults.Text.Contains(table, StringComparison.Ordinal),
            $"README.md or docs/ should list the options of `{command}` as the options classes and SettingTexts define them; " +
            $"the table:\n{table}");
    }

    /// <summary>One row per option: its name, the settings it sets, the default and what it means.</summary>
    private static string Table(SettingOptions settings) =>
        string.Join('\n', new[] { "| option | setting | default | meaning |", "|---|---|---|---|" }.Concat(
            settings.Options.Select(setting =>
                $"| `{setting.Option.Name}` | {string.Join(", ", setting.Keys.Select(key => $"`{key}`"))} | " +
                $"{setting.DefaultText} | {setting.Option.Description} |"))) + "\n";
}
