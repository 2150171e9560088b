using Siamese.Model.Evaluation;

namespace Siamese.Model.Training;

/// <summary>One finished epoch: the run's step count at its end, its mean training loss, validation answers and wall time.</summary>
public sealed record EpochSummary(int Epoch, long Steps, double TrainLoss, OneShotResult? Validation, TimeSpan WallTime)
{
    /// <summary>
    /// The answers to the run's impostor trials (<see cref="ImpostorTrials"/>), where it has them; they never choose the best epoch.
    /// </summary>
    public OneShotResult? Impostors { get; init; }
}

/// <summary>What a run did: every epoch it trained and the loss of each step.</summary>
public sealed record TrainingResult(IReadOnlyList<EpochSummary> Epochs, IReadOnlyList<float> StepLosses)
{
    public EpochSummary? Best => Epochs.MaxBy(e => e.Validation?.Accuracy ?? -e.TrainLoss);
}
