using System.Diagnostics.Metrics;

namespace Siamese.Model.Training.Progress;

/// <summary>
/// Training metrics for OpenTelemetry (meter "Siamese.Training"): pairs and steps trained, step loss, epoch
/// duration and validation accuracy. Any OpenTelemetry exporter that listens to the meter sees them.
/// </summary>
public sealed class TrainingMetrics
{
    public const string MeterName = "Siamese.Training";

    private readonly Counter<long> pairs;
    private readonly Counter<long> steps;
    private readonly Histogram<double> loss;
    private readonly Histogram<double> epochSeconds;
    private readonly Histogram<double> validationAccuracy;

    public TrainingMetrics(IMeterFactory meters)
    {
        Meter meter = meters.Create(MeterName);
        pairs = meter.CreateCounter<long>("siamese.training.pairs", "{pair}", "Pairs trained on");
        steps = meter.CreateCounter<long>("siamese.training.steps", "{step}", "Optimisation steps");
        loss = meter.CreateHistogram<double>("siamese.training.loss", null, "Loss of each step");
        epochSeconds = meter.CreateHistogram<double>("siamese.training.epoch.duration", "s", "Wall time of each epoch");
        validationAccuracy = meter.CreateHistogram<double>("siamese.training.validation.accuracy", null,
            "One-shot accuracy on held-out classes after each epoch");
    }

    public void Step(int batchPairs, double stepLoss)
    {
        pairs.Add(batchPairs);
        steps.Add(1);
        loss.Record(stepLoss);
    }

    public void Epoch(TimeSpan duration, double? accuracy)
    {
        epochSeconds.Record(duration.TotalSeconds);
        if (accuracy is { } value) validationAccuracy.Record(value);
    }
}
