using System.Net;
using System.Text.RegularExpressions;
using Siamese.Model.Network;
using Siamese.Reports.Prediction;
using Siamese.Testing;

namespace Siamese.Trainer.Tests;

/// <summary>The pictures of the command line: the evaluation report and the grid of scored pairs.</summary>
public class PictureTests
{
    private static string DefaultModel => global::Siamese.Model.Checkpoints.DefaultModel.Folder;

    /// <summary>What the report shows and how it is drawn is tested in Siamese.Reports.Tests; here, that evaluate writes it.</summary>
    [Fact]
    public async Task Evaluate_writes_its_report_where_asked_stating_the_lines_it_prints_and_its_robustness_table()
    {
        using var temp = new TempDirectory();
        string reportFile = temp.Combine("reports", "all-runs.html");
        // The wiring of the report is what is tested (DefaultModelTests score the shipped model): a tiny network does it in
        // a tenth of the time.
        await CheckpointFixture.SaveTinyAsync(temp.Combine("tiny"));

        TrainerRun evaluate = await TrainerRun.InvokeAsync(
            "evaluate", "--checkpoint", temp.Combine("tiny"), "--runs", SampleImages.AllRuns, "--report", reportFile, "--robustness");

        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Contains($"Report: {reportFile}", evaluate.Output);
        string html = await File.ReadAllTextAsync(reportFile);
        string[] printed = evaluate.Output.Split('\n', StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("20-way", StringComparison.Ordinal) || l.StartsWith("5-way", StringComparison.Ordinal)
                        || l.StartsWith("Verification", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(3, printed.Length);
        foreach (string line in printed) Assert.Contains(WebUtility.HtmlEncode(line), html);

        // One printed row per perturbation, its accuracy and points lost against the clean 20-way accuracy; the same in the report.
        double clean = Percent(Regex.Match(evaluate.Output, @"^20-way one-shot accuracy: (\d+\.\d+) %", RegexOptions.Multiline));
        foreach (var perturbation in global::Siamese.Model.Evaluation.Robustness.ImagePerturbations.All)
        {
            Match row = Regex.Match(evaluate.Output,
                $@"^  {Regex.Escape(perturbation.Name)} +(\d+\.\d+) % +([+-]?\d+\.\d+) points  {Regex.Escape(perturbation.Description)}",
                RegexOptions.Multiline);
            Assert.True(row.Success, $"no robustness row for {perturbation.Name}:\n{evaluate.Output}");
            Assert.Equal(Percent(row) - clean, double.Parse(row.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 2);
            Assert.Contains(WebUtility.HtmlEncode(perturbation.Description), html);
        }
        Assert.Contains("id=\"robustness\"", html);
    }

    private static double Percent(Match match) =>
        double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Predict_scores_pairs_sampled_from_class_folders_and_draws_them_as_a_grid()
    {
        using var temp = new TempDirectory();
        string grid = temp.Combine("grid.png");

        TrainerRun predict = await TrainerRun.InvokeAsync(
            "predict", "--checkpoint", DefaultModel, "--pairs", SampleImages.Background2, "--count", "6", "--columns", "3", "--out", grid);

        Assert.True(predict.ExitCode == 0, predict.Error);
        var scored = Regex.Matches(predict.Output,
            @"^(?<similarity>[01]\.\d{4})  (?<call>same     |different)  \S+  \S+  \(truly (?<truth>same|different)\)",
            RegexOptions.Multiline);
        Assert.Equal(6, scored.Count);
        Assert.Equal(3, scored.Count(m => m.Groups["truth"].Value == "same"));   // same-class and different-class pairs by turns
        Assert.All(scored, m => Assert.Equal(
            double.Parse(m.Groups["similarity"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 0.5,
            m.Groups["call"].Value.Trim() == "same"));

        byte[] png = await File.ReadAllBytesAsync(grid);
        var (width, height) = PairGrid.SizeFor(6, 3);
        PictureAssert.IsPicture(png, width, height, "the grid");
        Assert.True(PictureAssert.BandVariance(png, 0, 30) > 10, "the grid's title did not render (no font?)");
    }

    [Fact]
    public async Task Predict_reads_a_list_of_pairs_or_a_folder_of_images_and_scores_a_pair_the_same_both_ways_round()
    {
        using var temp = new TempDirectory();
        var images = SampleImages.SomeCharacters(4);
        Directory.CreateDirectory(temp.Combine("images"));
        for (int i = 0; i < images.Count; i++) await File.WriteAllBytesAsync(temp.Combine("images", $"image {i}.png"), images[i].Bytes);
        await File.WriteAllBytesAsync(temp.Combine("images", "._image 0.png"), [0, 5, 22, 7]);   // a macOS resource fork: not an image
        string list = temp.Combine("pairs.txt");
        await File.WriteAllTextAsync(list,
            "# first, second\nimages/image 0.png\timages/image 1.png\nimages/image 1.png,images/image 0.png\n\n" +
            "images/image 2.png\timages/image 3.png\n");

        TrainerRun fromList = await TrainerRun.InvokeAsync(
            "predict", "--checkpoint", DefaultModel, "--pairs", list, "--out", temp.Combine("list.png"));
        TrainerRun fromFolder = await TrainerRun.InvokeAsync(
            "predict", "--checkpoint", DefaultModel, "--pairs", temp.Combine("images"), "--out", temp.Combine("folder.png"),
            "--columns", "1");

        Assert.True(fromList.ExitCode == 0, fromList.Error);
        Assert.True(fromFolder.ExitCode == 0, fromFolder.Error);
        string[] listed = Similarities(fromList.Output);
        string[] paired = Similarities(fromFolder.Output);
        Assert.Equal(3, listed.Length);
        Assert.Equal(listed[0], listed[1]);                 // the network is symmetric
        Assert.Equal([listed[0], listed[2]], paired);       // the folder's images two by two in name order: 0-1, 2-3
        var (width, height) = PairGrid.SizeFor(3, 4);
        PictureAssert.IsPicture(await File.ReadAllBytesAsync(temp.Combine("list.png")), width, height, "the grid of the list");
        (width, height) = PairGrid.SizeFor(2, 1);
        PictureAssert.IsPicture(await File.ReadAllBytesAsync(temp.Combine("folder.png")), width, height, "the grid of the folder");
    }

    [Theory]
    [InlineData("images/missing.png\timages/image 0.png\n", "names 'images/missing.png', which does not exist")]
    [InlineData("images/image 0.png\n", "Line 1 of")]
    public async Task Predict_refuses_a_list_it_cannot_use_with_a_clear_error(string content, string expected)
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("images"));
        await File.WriteAllBytesAsync(temp.Combine("images", "image 0.png"), SampleImages.SomeCharacters(1)[0].Bytes);
        string list = temp.Combine("pairs.txt");
        await File.WriteAllTextAsync(list, content);

        TrainerRun predict = await TrainerRun.InvokeAsync(
            "predict", "--checkpoint", DefaultModel, "--pairs", list, "--out", temp.Combine("grid.png"));

        Assert.Equal(2, predict.ExitCode);
        Assert.Contains(expected, predict.Error);
        Assert.False(File.Exists(temp.Combine("grid.png")));
    }

    [Fact]
    public async Task A_threshold_outside_0_to_1_is_refused()
    {
        TrainerRun predict = await TrainerRun.InvokeAsync(
            "predict", "--checkpoint", DefaultModel, "--pairs", SampleImages.Background2, "--threshold", "1.5");

        Assert.NotEqual(0, predict.ExitCode);
        Assert.Contains("--threshold must be between 0 and 1", predict.Error);
    }

    /// <summary>The similarities predict printed, one a pair, in order.</summary>
    private static string[] Similarities(string output) =>
        Regex.Matches(output, @"^([01]\.\d{4})  ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
}
