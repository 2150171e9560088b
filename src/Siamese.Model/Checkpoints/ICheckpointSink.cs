using Siamese.Model.Network;

namespace Siamese.Model.Checkpoints;

/// <summary>Where a training run puts its checkpoints: a local folder here, blob storage in the pipeline.</summary>
public interface ICheckpointSink
{
    /// <summary>Saves the network, the optimizer state (for resuming), the attachments and the metadata of one epoch.</summary>
    Task SaveAsync(SiameseNetwork network, byte[] optimizerState, CheckpointMetadata metadata, bool isBest,
        IReadOnlyList<CheckpointAttachment> attachments, CancellationToken cancellationToken);
}
