using Siamese.Model.Network;

namespace Siamese.Model.Checkpoints;

/// <summary>
/// What a checkpoint is, wherever it is stored (a local run folder or a run's blobs): the names of its files and
/// pointers, which names an attachment may take, and the network its files describe.
/// </summary>
public static class CheckpointFormat
{
    public const string WeightsFile = "model.weights";
    public const string OptimizerFile = "optimizer.state";
    public const string MetadataFile = "checkpoint.json";
    public const string LatestPointer = "latest.json";
    public const string BestPointer = "best.json";

    public static string CheckpointName(int epoch) => $"epoch-{epoch:D4}";

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

    /// <summary>An attachment's name is a plain file name that cannot replace the checkpoint's own files.</summary>
    public static string RequireFileName(string fileName) =>
        fileName.Length > 0 && Path.GetFileName(fileName) == fileName
        && fileName is not (WeightsFile or OptimizerFile or MetadataFile or LatestPointer or BestPointer)
            ? fileName
            : throw new ArgumentException(
                $"'{fileName}' cannot be a checkpoint attachment: give a plain file name other than the checkpoint's own files.",
                nameof(fileName));
}
