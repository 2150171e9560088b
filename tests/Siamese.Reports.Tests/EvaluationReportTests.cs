using System.Net;
using System.Text.RegularExpressions;
using Siamese.Model.Evaluation;
using Siamese.Reports.Charts;
using Siamese.Reports.Evaluation;
using Siamese.Testing;

namespace Siamese.Reports.Tests;

/// <summary>The evaluation report: one self-contained page that states the evaluation's numbers and shows every run.</summary>
public class EvaluationReportTests
{
    private static readonly Lazy<string> Html = new(() => EvaluationReport.Html(
        new EvaluationReportInput("the default model", DefaultModelEvaluation.Summary, 0.5, DateTimeOffset.UnixEpoch)));

    [Fact]
    public void The_report_states_the_lines_evaluate_prints_and_the_headline_accuracy_with_its_interval()
    {
        OneShotSummary summary = DefaultModelEvaluation.Summary;
        OneShotResult result = summary.Result;

        PictureAssert.IsSelfContained(Html.Value);
        Assert.Equal(3, summary.Lines.Count());   // 20-way, 5-way, verification
        foreach (string line in summary.Lines) Assert.Contains(WebUtility.HtmlEncode(line), Html.Value);
        Assert.Contains($"<span class=\"big\">{result.Accuracy:P2}</span>", Html.Value);
        Assert.Contains($"95 % CI {result.Interval95.Low:P1} – {result.Interval95.High:P1}, {result.Correct} of 400 trials", Html.Value);
    }

    [Fact]
    public void Every_run_has_its_section_and_their_right_answers_add_up_to_the_total()
    {
        var runs = Regex.Matches(Html.Value, @"<h3>(run\d\d): (\d+) of 20 right</h3>")
            .Select(m => (Run: m.Groups[1].Value, Right: int.Parse(m.Groups[2].Value)))
            .ToList();

        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"run{i:D2}"), runs.Select(r => r.Run));
        Assert.Equal(DefaultModelEvaluation.Result.Correct, runs.Sum(r => r.Right));
    }

    [Fact]
    public void Its_pictures_decode_at_the_size_the_page_gives_them()
    {
        var images = PictureAssert.EmbeddedImages(Html.Value);

        Assert.Equal(2 + 20, images.Count);   // histogram, ROC, one strip per run
        foreach (var (png, width, height, alt) in images) PictureAssert.IsPicture(png, width, height, alt);
        Assert.Equal((SimilarityCharts.HistogramWidth, SimilarityCharts.HistogramHeight), (images[0].Width, images[0].Height));
        Assert.Contains($"AUC {DefaultModelEvaluation.Summary.Verification.RocAuc:0.0000}", images[1].Alt);
    }
}
