using Siamese.Model.Network;
using static TorchSharp.torch;

namespace Siamese.Model.Checkpoints;

/// <summary>
/// Checkpoints on the local file system. A run folder holds one folder per checkpoint (epoch-0001/ with
/// model.weights and checkpoint.json) and two pointers, latest.json and best.json (by validation accuracy).
/// Files are written to temporary names and renamed, in <see cref="CheckpointWriter"/>'s order.
/// </summary>
public static class LocalCheckpointStore
{
    public const string WeightsFile = "model.weights";
    public const string OptimizerFile = "optimizer.state";
    public const string MetadataFile = "checkpoint.json";
    public const string LatestPointer = "latest.json";
    public const string BestPointer = "best.json";

    public static string CheckpointName(int epoch) => $"epoch-{epoch:D4}";

    /// <summary>Saves <paramref name="network"/> (and any attachments) under runDirectory/epoch-NNNN and moves the pointers.</summary>
    public static async Task<string> SaveAsync(string runDirectory, SiameseNetwork network, CheckpointMetadata metadata, bool isBest,
        byte[]? optimizerState = null, IReadOnlyList<CheckpointAttachment>? attachments = null,
        CancellationToken cancellationToken = default)
    {
        var writer = new CheckpointWriter(new LocalRunFolder(runDirectory), TimeProvider.System);
        string name = await writer.WriteAsync(network, optimizerState, metadata, isBest, attachments ?? [], cancellationToken);
        return Path.Combine(runDirectory, name);
    }

    /// <summary>
    /// Loads a checkpoint: a checkpoint folder, its checkpoint.json or model.weights, or a run folder (best.json,
    /// else latest.json). With <paramref name="expected"/>, refuses a checkpoint of another model configuration.
    /// </summary>
    public static (SiameseNetwork Network, CheckpointMetadata Metadata) Load(string path, ModelConfig? expected = null)
    {
        string directory = Resolve(path);
        CheckpointMetadata metadata = JsonFile.Read(Path.Combine(directory, MetadataFile), CheckpointJson.Default.CheckpointMetadata,
            "Checkpoint metadata");
        using FileStream weights = File.OpenRead(Path.Combine(directory, WeightsFile));
        return (Rebuild(metadata, weights, directory, expected), metadata);
    }

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

    /// <summary>
    /// Changes a local checkpoint's metadata (test scores, a calibrated threshold); checkpoint.json is replaced atomically.
    /// </summary>
    public static string Record(string path, Func<CheckpointMetadata, CheckpointMetadata> change)
    {
        string file = Path.Combine(Resolve(path), MetadataFile);
        CheckpointMetadata metadata = JsonFile.Read(file, CheckpointJson.Default.CheckpointMetadata, "Checkpoint metadata");
        JsonFile.WriteAtomically(file, change(metadata), CheckpointJson.Default.CheckpointMetadata);
        return file;
    }

    public static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full) && Path.GetFileName(full) is MetadataFile or WeightsFile)
            return Path.GetDirectoryName(full)!;
        if (Directory.Exists(full))
        {
            if (File.Exists(Path.Combine(full, MetadataFile))) return full;
            foreach (string pointerName in new[] { BestPointer, LatestPointer })
            {
                string pointerPath = Path.Combine(full, pointerName);
                if (!File.Exists(pointerPath)) continue;
                CheckpointPointer pointer = JsonFile.Read(pointerPath, CheckpointJson.Default.CheckpointPointer, "Checkpoint pointer");
                return Resolve(Path.Combine(full, pointer.Checkpoint));
            }
        }
        throw new MissingInputException("checkpoint.not-found",
            $"'{path}' is not a checkpoint: give a checkpoint folder (with {MetadataFile} and {WeightsFile}) " +
            $"or a training output folder (with {BestPointer} or {LatestPointer}).");
    }
}
