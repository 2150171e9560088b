namespace Siamese.Model.Training;

/// <summary>The learning rate at each step under <see cref="TrainingOptions.Schedule"/>.</summary>
public static class LearningRates
{
    private const double Floor = 0.02;

    /// <summary>Cosine: linear warm-up over the first 2 % of the steps, then cosine decay to 2 % of the base rate.</summary>
    public static double At(TrainingOptions options, long step, long plannedSteps)
    {
        if (options.Schedule == LearningRateSchedule.Constant || plannedSteps <= 1) return options.LearningRate;
        long warmup = Math.Max(1, plannedSteps / 50);
        if (step < warmup) return options.LearningRate * (step + 1) / warmup;
        double progress = Math.Min(1.0, (double)(step - warmup) / Math.Max(1, plannedSteps - warmup));
        return options.LearningRate * (Floor + (1 - Floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
