using Siamese.Model.Training;

namespace Siamese.Model.Checkpoints;

/// <summary>Files a training run adds to each checkpoint besides the weights, for people to look at (pictures, a report).</summary>
public interface ICheckpointAttachments
{
    IReadOnlyList<CheckpointAttachment> Create(TrainingProgress progress);
}
