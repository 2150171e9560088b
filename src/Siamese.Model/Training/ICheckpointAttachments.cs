using Siamese.Model.Checkpoints;
using Siamese.Model.Evaluation;

namespace Siamese.Model.Training;

/// <summary>
/// The run so far, as the trainer hands it over at each checkpoint: the loss of every step since
/// <see cref="FirstStep"/>, the epochs, and the validation trials with the newest epoch's answers.
/// </summary>
public sealed record TrainingProgress(string RunId, long FirstStep, IReadOnlyList<float> StepLosses, IReadOnlyList<EpochSummary> Epochs, OneShotSet? Validation);

/// <summary>Files a training run adds to each checkpoint besides the weights, for people to look at (pictures, a report).</summary>
public interface ICheckpointAttachments
{
    IReadOnlyList<CheckpointAttachment> Create(TrainingProgress progress);
}
