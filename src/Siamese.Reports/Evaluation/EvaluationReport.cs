using System.Globalization;
using System.Net;
using System.Text;
using Siamese.Model.Evaluation;
using Siamese.Model.Evaluation.Robustness;
using Siamese.Reports.Charts;
using Siamese.Reports.Drawing;

namespace Siamese.Reports.Evaluation;

/// <summary>What an evaluation report is about: the checkpoint, the evaluation, and isSame's threshold.</summary>
public sealed record EvaluationReportInput(string Checkpoint, OneShotSummary Summary, double Threshold, DateTimeOffset Created)
{
    /// <summary>The same trials under each perturbation of the test drawings (`evaluate --robustness`), when measured.</summary>
    public IReadOnlyList<RobustnessRow> Robustness { get; init; } = [];
}

/// <summary>
/// One self-contained HTML page (every image inside it as a data URI, no scripts, nothing fetched): the headline accuracy
/// with its interval and the lines `evaluate` prints, the similarity histograms, the ROC curve, and every run's answers.
/// </summary>
public static class EvaluationReport
{
    public const string ContentType = "text/html; charset=utf-8";

    public static string Html(EvaluationReportInput input)
    {
        OneShotSummary summary = input.Summary;
        OneShotResult result = summary.Result;
        OneShotSet set = summary.Set;
        var (same, different) = OneShotMetrics.PairScores(result, set.Trials);
        RocPoint operating = OneShotMetrics.OperatingPoint(same, different, SimilarityScale.ToLogit(input.Threshold));
        string written = Encode(input.Created.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        string intervalLow = Encode(result.Interval95.Low.ToString("P1"));
        string intervalHigh = Encode(result.Interval95.High.ToString("P1"));
        string histogram = Image(
            SimilarityCharts.Histogram(same, different, input.Threshold),
            "Histograms of the similarity of same-class and different-class pairs",
            SimilarityCharts.HistogramWidth,
            SimilarityCharts.HistogramHeight);
        string roc = Image(
            SimilarityCharts.Roc(same, different, summary.Verification.RocAuc, input.Threshold, operating),
            $"ROC curve, AUC {summary.Verification.RocAuc:0.0000}",
            SimilarityCharts.RocSize,
            SimilarityCharts.RocSize);
        var html = new StringBuilder();

        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode($"One-shot evaluation: {result.Accuracy:P2}, {input.Checkpoint}")}</title>
            <style>{Style}</style>
            </head>
            <body>
            <h1>One-shot evaluation</h1>
            <p class="meta">Checkpoint <b>{Encode(input.Checkpoint)}</b> on <b>{Encode(set.Name)}</b>. Written {written}.</p>
            <p class="headline"><span class="big">{Encode(result.Accuracy.ToString("P2"))}</span> {result.Ways}-way one-shot accuracy
            <span class="interval">(95 % CI {intervalLow} – {intervalHigh}, {result.Correct} of {result.Trials} trials)</span></p>
            <pre id="summary">{Encode(string.Join('\n', summary.Lines))}</pre>

            <h2>Similarity of same-class and different-class pairs</h2>
            <p>Each trial pairs its test image with its right candidate (same class) and with every other candidate (different class).</p>
            {histogram}

            <h2>Same or different</h2>
            {roc}
            <p>{Encode(Operating(operating, input.Threshold))}</p>

            {RobustnessTable(result, input.Robustness)}
            <h2>Runs</h2>
            <p>For each trial: the test image, the candidate the model chose (green frame: right, red: wrong) and, when wrong, the right
            one; the number under a candidate is its similarity to the test image. Images are shown as the network sees them.</p>

            """);

        foreach (var run in Runs(set))
        {
            int correct = run.Trials.Count(t => result.Choices[t] == set.Trials[t].Answer);
            string strip = Image(
                TrialStrip.Render(set, result, run.Trials),
                $"{run.Name}: test images, chosen and right candidates",
                TrialStrip.WidthFor(run.Trials.Count),
                TrialStrip.Height);
            html.Append($"""
                <section class="run" id="{Encode(Anchor(run.Name))}">
                <h3>{Encode(run.Name)}: {correct} of {run.Trials.Count} right</h3>
                {strip}
                </section>

                """);
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The trials of each run, in order of first appearance.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<int> Trials)> Runs(OneShotSet set) =>
        set.Trials.Select((trial, index) => (trial.Run.Length > 0 ? trial.Run : "all trials", index))
            .GroupBy(x => x.Item1, x => x.index)
            .Select(g => (g.Key, (IReadOnlyList<int>)g.ToList()))
            .ToList();

    private static string RobustnessTable(OneShotResult clean, IReadOnlyList<RobustnessRow> rows)
    {
        if (rows.Count == 0) return "";
        var table = new StringBuilder();
        table.Append($"""
            <h2>Robustness</h2>
            <p>The same trials with every test drawing changed as below; the candidates as they are.</p>
            <table id="robustness">
            <tr><th>Test drawings</th><th>{clean.Ways}-way accuracy</th><th>Points lost</th></tr>
            <tr><td>as they are</td><td>{Encode(clean.Accuracy.ToString("P2"))}</td><td></td></tr>

            """);
        foreach (RobustnessRow row in rows)
        {
            string accuracy = Encode(row.Result.Accuracy.ToString("P2"));
            table.Append($"""
                <tr><td>{Encode(row.Perturbation.Description)}</td><td>{accuracy}</td><td>{row.PointsLost:0.00}</td></tr>

                """);
        }
        table.Append("</table>\n");
        return table.ToString();
    }

    private static string Operating(RocPoint point, double threshold) =>
        $"With isSame's threshold (similarity ≥ {threshold:0.00}), {point.TruePositiveRate:P1} of same-class pairs and " +
        $"{point.FalsePositiveRate:P1} of different-class pairs are called the same.";

    private static string Image(byte[] png, string alt, int width, int height) =>
        $"""<img src="{Png.DataUri(png)}" alt="{Encode(alt)}" width="{width}" height="{height}">""";

    private static string Anchor(string run) => "run-" + new string(run.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1400px; padding: 0 1em; color: #222; }
        h1 { margin-bottom: .2em; } .meta { color: #555; }
        .headline { font-size: 1.2em; } .big { font-size: 2.2em; font-weight: bold; color: #08519c; } .interval { color: #555; }
        table { border-collapse: collapse; } td, th { padding: .2em .8em; border-bottom: 1px solid #ddd; text-align: left; }
        pre { background: #f4f4f4; padding: .8em; overflow-x: auto; }
        img { max-width: 100%; height: auto; display: block; margin: .5em 0; }
        .run h3 { margin: 1.2em 0 .2em; } .run { overflow-x: auto; }
        """;
}
