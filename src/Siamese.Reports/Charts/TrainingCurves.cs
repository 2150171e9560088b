using ScottPlot;
using Siamese.Model.Training;
using Siamese.Reports.Drawing;
using Siamese.Reports.Fonts;

namespace Siamese.Reports.Charts;

/// <summary>The training curves of a run: the loss of every step and the mean of each epoch, then validation one-shot accuracy per epoch.</summary>
public static class TrainingCurves
{
    public const int Width = 900;
    public const int PanelHeight = 360;

    // Both panels put their data in the same columns, whatever their legends hold, so epochs line up by eye.
    private static readonly PixelPadding SamePlotArea = new(left: 70, right: 280, bottom: 50, top: 40);

    public static byte[] Render(TrainingProgress progress) =>
        Png.Stack([LossPanel(progress), ValidationPanel(progress)]);

    private static byte[] LossPanel(TrainingProgress progress)
    {
        Plot plot = ReportFonts.NewPlot();
        double[] steps = Enumerable.Range(0, progress.StepLosses.Count).Select(i => (double)(progress.FirstStep + i)).ToArray();
        double[] losses = progress.StepLosses.Select(l => (double)l).ToArray();
        var perStep = plot.Add.ScatterLine(steps, losses, Color.FromHex("#9ecae1"));
        perStep.LegendText = "loss per step";

        var perEpoch = plot.Add.Scatter(progress.Epochs.Select(e => (double)e.Steps).ToArray(), progress.Epochs.Select(e => e.TrainLoss).ToArray(), Color.FromHex("#08519c"));
        perEpoch.LineWidth = 2;
        perEpoch.MarkerSize = 8;
        perEpoch.LegendText = "mean loss of each epoch";

        // A resumed run's curves start where this process took over; earlier steps are in earlier checkpoints' curves.
        plot.Title($"Training loss, run {progress.RunId}" + (progress.FirstStep > 1 ? $" (resumed after step {progress.FirstStep - 1})" : ""));
        plot.XLabel("step");
        plot.YLabel("loss");
        plot.Axes.Bottom.TickGenerator = WholeNumbers();
        plot.ShowLegend(Edge.Right);
        plot.Layout.Fixed(SamePlotArea);
        return plot.GetImageBytes(Width, PanelHeight, ImageFormat.Png);
    }

    private static ScottPlot.TickGenerators.NumericAutomatic WholeNumbers() => new() { IntegerTicksOnly = true };

    private static byte[] ValidationPanel(TrainingProgress progress)
    {
        Plot plot = ReportFonts.NewPlot();
        var scored = progress.Epochs.Where(e => e.Validation is not null).ToList();
        if (scored.Count == 0)
        {
            plot.Title("Validation one-shot accuracy: no validation split in this run");
        }
        else
        {
            var validation = scored[0].Validation!;
            var line = plot.Add.Scatter(scored.Select(e => (double)e.Epoch).ToArray(), scored.Select(e => e.Validation!.Accuracy * 100).ToArray(), Color.FromHex("#238b45"));
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.LegendText = $"{validation.Ways}-way one-shot, {validation.Trials} trials";

            var chance = plot.Add.HorizontalLine(100.0 / validation.Ways, 1, Colors.Gray, LinePattern.Dotted);
            chance.LegendText = $"chance ({1.0 / validation.Ways:P1})";

            EpochSummary best = scored.MaxBy(e => e.Validation!.Accuracy)!;
            var marker = plot.Add.Marker(best.Epoch, best.Validation!.Accuracy * 100, MarkerShape.OpenCircle, 18, Color.FromHex("#d94801"));
            marker.LegendText = $"best: epoch {best.Epoch}, {best.Validation.Accuracy:P2}";

            plot.Title("Validation one-shot accuracy per epoch");
            plot.Axes.SetLimitsY(0, 100);
            plot.Axes.SetLimitsX(0.5, progress.Epochs[^1].Epoch + 0.5);
            plot.ShowLegend(Edge.Right);
        }
        plot.XLabel("epoch");
        plot.YLabel("accuracy (%)");
        plot.Axes.Bottom.TickGenerator = WholeNumbers();
        plot.Layout.Fixed(SamePlotArea);
        return plot.GetImageBytes(Width, PanelHeight, ImageFormat.Png);
    }
}
