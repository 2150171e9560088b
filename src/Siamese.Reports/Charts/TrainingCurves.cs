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
        TrainingHistory history = progress.History;
        double[] steps = Enumerable.Range(0, history.StepLosses.Count).Select(i => (double)(history.FirstStep + i)).ToArray();
        double[] losses = history.StepLosses.Select(l => (double)l).ToArray();
        var perStep = plot.Add.ScatterLine(steps, losses, Color.FromHex("#9ecae1"));
        perStep.LegendText = "loss per step";

        var perEpoch = plot.Add.Scatter(history.Epochs.Select(e => (double)e.Steps).ToArray(), history.Epochs.Select(e => e.TrainLoss).ToArray(), Color.FromHex("#08519c"));
        perEpoch.LineWidth = 2;
        perEpoch.MarkerSize = 8;
        perEpoch.LegendText = "mean loss of each epoch";

        // A run resumed from a checkpoint without its history starts its curves at the resume.
        plot.Title($"Training loss, run {progress.RunId}" + (history.FirstStep > 1 ? $" (from step {history.FirstStep})" : ""));
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
        var scored = progress.History.Epochs.Where(e => e.ValidationAccuracy is not null).ToList();
        if (scored.Count == 0)
        {
            plot.Title("Validation one-shot accuracy: no validation split in this run");
        }
        else
        {
            EpochPoint last = scored[^1];
            var line = plot.Add.Scatter(scored.Select(e => (double)e.Epoch).ToArray(), scored.Select(e => e.ValidationAccuracy!.Value * 100).ToArray(), Color.FromHex("#238b45"));
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.LegendText = $"{last.ValidationWays}-way one-shot, {last.ValidationTrials} trials";

            var chance = plot.Add.HorizontalLine(100.0 / last.ValidationWays, 1, Colors.Gray, LinePattern.Dotted);
            chance.LegendText = $"chance ({1.0 / last.ValidationWays:P1})";

            EpochPoint best = scored.MaxBy(e => e.ValidationAccuracy!.Value)!;
            var marker = plot.Add.Marker(best.Epoch, best.ValidationAccuracy!.Value * 100, MarkerShape.OpenCircle, 18, Color.FromHex("#d94801"));
            marker.LegendText = $"best: epoch {best.Epoch}, {best.ValidationAccuracy.Value:P2}";

            plot.Title("Validation one-shot accuracy per epoch");
            plot.Axes.SetLimitsY(0, 100);
            plot.Axes.SetLimitsX(0.5, progress.History.Epochs[^1].Epoch + 0.5);
            plot.ShowLegend(Edge.Right);
        }
        plot.XLabel("epoch");
        plot.YLabel("accuracy (%)");
        plot.Axes.Bottom.TickGenerator = WholeNumbers();
        plot.Layout.Fixed(SamePlotArea);
        return plot.GetImageBytes(Width, PanelHeight, ImageFormat.Png);
    }
}
