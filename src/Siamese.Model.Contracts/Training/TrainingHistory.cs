using System.Text.Json;
using Siamese.Model.Checkpoints;

namespace Siamese.Model.Training;

/// <summary>One epoch of a run as its curves show it.</summary>
public sealed record EpochPoint(
    int Epoch, long Steps, double TrainLoss, double? ValidationAccuracy, int ValidationWays, int ValidationTrials)
{
    public static EpochPoint Of(EpochSummary epoch) => new(epoch.Epoch, epoch.Steps, epoch.TrainLoss, epoch.Validation?.Accuracy,
        epoch.Validation?.Ways ?? 0, epoch.Validation?.Trials ?? 0);
}

/// <summary>
/// The run so far: the loss of every step from <see cref="FirstStep"/> on and each epoch's summary. Stored with each
/// checkpoint (history.json), so a resumed run's curves still begin at its first step.
/// </summary>
public sealed record TrainingHistory(long FirstStep, IReadOnlyList<float> StepLosses, IReadOnlyList<EpochPoint> Epochs)
{
    public const string FileName = "history.json";

    /// <summary>The step the history has reached.</summary>
    public long LastStep => FirstStep + StepLosses.Count - 1;

    public CheckpointAttachment ToAttachment() =>
        new(FileName, "application/json", JsonSerializer.SerializeToUtf8Bytes(this, CheckpointJson.Default.TrainingHistory));

    /// <summary>
    /// The history stored with a checkpoint, or null when it is missing or unreadable (the curves then start at the
    /// resume).
    /// </summary>
    public static TrainingHistory? Read(byte[]? json)
    {
        if (json is null) return null;
        try
        {
            return JsonSerializer.Deserialize(json, CheckpointJson.Default.TrainingHistory);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
