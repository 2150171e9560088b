using Siamese.Model.Network;

namespace Siamese.Model.Checkpoints;

/// <summary>A training run's checkpoints in a local run folder (see <see cref="LocalCheckpointStore"/>).</summary>
public sealed class LocalCheckpointSink(string runDirectory) : ICheckpointSink
{
    public string RunDirectory { get; } = runDirectory;

    public Task SaveAsync(SiameseNetwork network, byte[] optimizerState, CheckpointMetadata metadata, bool isBest,
        IReadOnlyList<CheckpointAttachment> attachments, CancellationToken cancellationToken) =>
        LocalCheckpointStore.SaveAsync(RunDirectory, network, metadata, isBest, optimizerState, attachments, cancellationToken);
}
