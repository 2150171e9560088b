using Siamese.Model.Network;
using static Siamese.Model.Checkpoints.CheckpointFormat;

namespace Siamese.Model.Checkpoints;

/// <summary>
/// Checkpoints on the local file system. A run folder holds one folder per checkpoint (epoch-0001/ with
/// model.weights and checkpoint.json) and two pointers, latest.json and best.json (by validation accuracy).
/// Files are written to temporary names and renamed, in <see cref="CheckpointWriter"/>'s order; their names are
/// <see cref="CheckpointFormat"/>'s.
/// </summary>
public static class LocalCheckpointStore
{
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
        CheckpointMetadata metadata = ReadMetadata(directory);
        using FileStream weights = File.OpenRead(Path.Combine(directory, WeightsFile));
        return (CheckpointNetwork.Rebuild(metadata, weights, directory, expected), metadata);
    }

    /// <summary>A checkpoint's metadata (checkpoint.json) alone, without loading its weights.</summary>
    public static CheckpointMetadata ReadMetadata(string path) =>
        JsonFile.Read(Path.Combine(Resolve(path), MetadataFile), CheckpointJson.Default.CheckpointMetadata, "Checkpoint metadata");

    /// <summary>
    /// Changes a local checkpoint's metadata (test scores, a calibrated threshold); checkpoint.json is replaced atomically.
    /// </summary>
    public static string Record(string path, Func<CheckpointMetadata, CheckpointMetadata> change)
    {
        string file = Path.Combine(Resolve(path), MetadataFile);
        JsonFile.WriteAtomically(file, change(ReadMetadata(file)), CheckpointJson.Default.CheckpointMetadata);
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
