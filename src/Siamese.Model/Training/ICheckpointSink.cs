using Siamese.Model.Checkpoints;
using Siamese.Model.Network;

namespace Siamese.Model.Training;

/// <summary>Where a training run puts its checkpoints: a local folder here, blob storage in the pipeline.</summary>
public interface ICheckpointSink
{
    Task SaveAsync(SiameseNetwork network, CheckpointMetadata metadata, bool isBest, CancellationToken cancellationToken);
}

public sealed class LocalCheckpointSink(string runDirectory) : ICheckpointSink
{
    public string RunDirectory { get; } = runDirectory;

    public Task SaveAsync(SiameseNetwork network, CheckpointMetadata metadata, bool isBest, CancellationToken cancellationToken)
    {
        CheckpointStore.Save(RunDirectory, network, metadata, isBest);
        return Task.CompletedTask;
    }
}
