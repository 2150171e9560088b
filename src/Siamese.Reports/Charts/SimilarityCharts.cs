using ScottPlot;
using Siamese.Model.Evaluation;
using Siamese.Reports.Fonts;

namespace Siamese.Reports.Charts;

/// <summary>How the similarities of same-class and different-class pairs spread, and the ROC curve they make.</summary>
public static class SimilarityCharts
{
    public const int HistogramWidth = 800, HistogramHeight = 400, RocSize = 480;
    private const int Bins = 25;
    private static readonly Color Same = Color.FromHex("#238b45"), Different = Color.FromHex("#cb181d");

    /// <summary>Share of each kind of pair per similarity bin (each kind sums to 100 %), with isSame's threshold.</summary>
    /// <param name="same">Logits of same-class pairs.</param>
    /// <param name="different">Logits of different-class pairs.</param>
    /// <param name="threshold">isSame's threshold on the similarity (0 to 1).</param>
    public static byte[] Histogram(IReadOnlyList<float> same, IReadOnlyList<float> different, double threshold)
    {
        Plot plot = ReportFonts.NewPlot();
        AddShares(plot, same, Same, $"same class ({same.Count:N0} pairs)");
        AddShares(plot, different, Different, $"different class ({different.Count:N0} pairs)");
        var line = plot.Add.VerticalLine(threshold, 2, Colors.Black, LinePattern.Dashed);
        line.LegendText = $"isSame at ≥ {threshold:0.00}";

        plot.Title("Similarity of same-class and different-class pairs");
        plot.XLabel("similarity");
        plot.YLabel("share of the pairs of its kind (%)");
        plot.Axes.SetLimitsX(0, 1);
        plot.Axes.Margins(bottom: 0);
        plot.Legend.Alignment = Alignment.UpperCenter;
        plot.ShowLegend();
        return plot.GetImageBytes(HistogramWidth, HistogramHeight, ImageFormat.Png);
    }

    /// <summary>The ROC curve with its AUC, and the point where isSame's threshold puts it.</summary>
    /// <param name="point">The curve's point at <paramref name="threshold"/> (<see cref="OneShotMetrics.OperatingPoint"/>).</param>
    public static byte[] Roc(IReadOnlyList<float> same, IReadOnlyList<float> different, double auc, double threshold, RocPoint point)
    {
        Plot plot = ReportFonts.NewPlot();
        var curve = OneShotMetrics.RocCurve(same, different);
        double[] falsePositiveRates = curve.Select(p => p.FalsePositiveRate).ToArray();
        double[] truePositiveRates = curve.Select(p => p.TruePositiveRate).ToArray();
        var roc = plot.Add.ScatterLine(falsePositiveRates, truePositiveRates, Color.FromHex("#08519c"));
        roc.LineWidth = 2;
        roc.LegendText = $"ROC, AUC {auc:0.0000}";
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dotted;
        chance.Color = Colors.Gray;
        chance.LegendText = "chance";

        var marker = plot.Add.Marker(
            point.FalsePositiveRate, point.TruePositiveRate, MarkerShape.FilledCircle, 12, Color.FromHex("#d94801"));
        marker.LegendText = $"isSame at ≥ {threshold:0.00}: " +
            $"{point.TruePositiveRate:P1} of same, {point.FalsePositiveRate:P1} of different";

        plot.Title("Same or different: ROC");
        plot.XLabel("different-class pairs called the same");
        plot.YLabel("same-class pairs called the same");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.ShowLegend();
        return plot.GetImageBytes(RocSize, RocSize, ImageFormat.Png);
    }

    private static void AddShares(Plot plot, IReadOnlyList<float> logits, Color color, string label)
    {
        double width = 1.0 / Bins;
        var counts = new double[Bins];
        foreach (float logit in logits)
            counts[Math.Min(Bins - 1, (int)(SimilarityScale.FromLogit(logit) * Bins))]++;
        double[] positions = Enumerable.Range(0, Bins).Select(i => (i + 0.5) * width).ToArray();
        double[] shares = counts.Select(c => logits.Count == 0 ? 0 : 100 * c / logits.Count).ToArray();
        var bars = plot.Add.Bars(positions, shares);
        foreach (Bar bar in bars.Bars)
        {
            bar.Size = width;
            bar.FillColor = color.WithAlpha(0.45);
            bar.LineColor = color;
        }
        bars.LegendText = label;
    }
}
