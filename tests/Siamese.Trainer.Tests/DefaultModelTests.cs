using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Siamese.Trainer.Tests;

/// <summary>The model shipped as the compare API's fallback: its size, and its scores on the standard benchmark.</summary>
public class DefaultModelTests
{
    private static string DefaultModel => global::Siamese.Model.Checkpoints.DefaultModel.Folder;

    [Fact]
    public async Task The_shipped_default_model_scores_88_percent_20_way_loses_5_points_at_most_when_perturbed_and_matches_its_record()
    {
        TrainerRun evaluate = await TrainerRun.InvokeAsync("evaluate", "--checkpoint", DefaultModel, "--runs", SampleImages.AllRuns,
            "--robustness");

        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Match twenty = Regex.Match(evaluate.Output, @"20-way one-shot accuracy: (\d+\.\d+) % .* (\d+)/400 trials");
        Match auc = Regex.Match(evaluate.Output, @"Verification ROC AUC: (\d\.\d+)");
        Assert.True(twenty.Success && auc.Success, evaluate.Output);
        double accuracy = double.Parse(twenty.Groups[1].Value, CultureInfo.InvariantCulture) / 100;
        Assert.True(accuracy >= 0.88, $"the default model must score at least 88 % on all_runs.zip; it scored {accuracy:P2}");

        // Issue 18: thicker or thinner strokes, another scale or place, a small rotation, dark paper or JPEG cost little.
        var losses = Regex.Matches(evaluate.Output, @"^  (\S+) +\d+\.\d+ % +([+-]?\d+\.\d+) points", RegexOptions.Multiline);
        Assert.Equal(global::Siamese.Model.Evaluation.Robustness.ImagePerturbations.All.Count, losses.Count);
        Assert.All(losses, row => Assert.True(double.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture) >= -5,
            $"{row.Groups[1].Value} costs more than 5 points:\n{evaluate.Output}"));

        JsonElement test = JsonDocument.Parse(File.ReadAllText(Path.Combine(DefaultModel, "checkpoint.json"))).RootElement
            .GetProperty("test");
        Assert.Equal(test.GetProperty("accuracy").GetDouble(), accuracy, 4);
        Assert.Equal(test.GetProperty("rocAuc").GetDouble(), double.Parse(auc.Groups[1].Value, CultureInfo.InvariantCulture), 3);

        // README.md shows these lines as the output of this command (a block the examples test does not run).
        string readme = File.ReadAllText(Path.Combine(global::Siamese.DevStorage.Repository.Root, "README.md"));
        string[] scores = [.. evaluate.Output.Split('\n').Select(line => line.TrimEnd())
            .Where(line => Regex.IsMatch(line, "^(20-way|5-way|Verification ROC AUC)"))];
        Assert.Equal(3, scores.Length);
        Assert.All(scores, line => Assert.True(readme.Contains(line, StringComparison.Ordinal), $"README.md does not show: {line}"));
    }

    [Fact]
    public void The_shipped_default_model_stays_within_25_MB()
    {
        long bytes = new DirectoryInfo(DefaultModel).EnumerateFiles().Sum(f => f.Length);
        Assert.InRange(bytes, 1, 25L * 1024 * 1024);
    }
}
