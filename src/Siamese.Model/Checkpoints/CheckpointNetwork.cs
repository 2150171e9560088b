using Siamese.Model.Network;

namespace Siamese.Model.Checkpoints;

/// <summary>The network that a checkpoint's files describe (<see cref="CheckpointFormat"/>).</summary>
public static class CheckpointNetwork
{
    /// <summary>
    /// The network a checkpoint describes, with its weights, in evaluation mode, wherever the files came from. Refuses
    /// another format, a configuration other than <paramref name="expected"/> and weights that do not fit.
    /// </summary>
    public static SiameseNetwork Rebuild(CheckpointMetadata metadata, Stream weights, string source, ModelConfig? expected = null)
    {
        if (metadata.Format != CheckpointMetadata.CurrentFormat)
            throw new InvalidInputException("checkpoint.format",
                $"'{source}' has checkpoint format '{metadata.Format}'; this version reads '{CheckpointMetadata.CurrentFormat}'.");
        if (expected is not null && !expected.Equals(metadata.Model))
            throw new InvalidInputException("checkpoint.config-mismatch",
                $"Checkpoint '{source}' is a model of another configuration: it has {metadata.Model}; expected {expected}.");

        var network = new SiameseNetwork(metadata.Model);
        try
        {
            WeightsSerializer.Read(network, weights, source);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        network.eval();
        return network;
    }

    /// <summary>
    /// The checkpoint of stored files with its network rebuilt (see
    /// <see cref="Rebuild(CheckpointMetadata, Stream, string, ModelConfig?)"/>).
    /// </summary>
    public static StoredCheckpoint Rebuild(this CheckpointFiles files, ModelConfig? expected = null) =>
        new(files.Name, Rebuild(files.Metadata, new MemoryStream(files.Weights), files.Source, expected), files.Metadata,
            files.OptimizerState);
}
