using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Network;
using Siamese.Storage;

namespace Siamese.Storage.Checkpoints;

/// <summary>A checkpoint read back from blob storage.</summary>
public sealed record StoredCheckpoint(string Name, SiameseNetwork Network, CheckpointMetadata Metadata, byte[]? OptimizerState);

/// <summary>
/// Checkpoints in the models container (layout: <see cref="ModelPaths"/>), uploaded in <see cref="CheckpointWriter"/>'s
/// order, so a reader that follows a run's pointer always finds a complete checkpoint. Which checkpoint is served is
/// not decided here (see <see cref="ServedModels"/>).
/// </summary>
public sealed class BlobCheckpointStore(BlobServiceClient blobs, ResilientStorage storage, TimeProvider time)
{
    public BlobContainerClient Models => blobs.GetBlobContainerClient(StorageNames.ModelsContainer);

    public async Task SaveAsync(SiameseNetwork network, byte[] optimizerState, CheckpointMetadata metadata, bool isBest,
        IReadOnlyList<CheckpointAttachment> attachments, CancellationToken cancellationToken)
    {
        await storage.RunAsync(async ct => { await Models.CreateIfNotExistsAsync(cancellationToken: ct); }, cancellationToken);
        var writer = new CheckpointWriter(new BlobRunFolder(Models, storage, metadata.RunId), time);
        await writer.WriteAsync(network, optimizerState, metadata, isBest, attachments, cancellationToken);
    }

    /// <summary>A checkpoint's metadata alone, or null when the folder holds no complete checkpoint.</summary>
    public async Task<CheckpointMetadata?> ReadMetadataAsync(string folder, CancellationToken cancellationToken) =>
        (await storage.ReadAsync(Models.GetBlobClient(ModelPaths.File(folder, CheckpointFormat.MetadataFile)),
            CheckpointJson.Default.CheckpointMetadata, cancellationToken))?.Value;

    /// <summary>The folders of a run's complete epoch checkpoints (their checkpoint.json written), in epoch order.</summary>
    public async Task<IReadOnlyList<string>> ListEpochCheckpointsAsync(string runId, CancellationToken cancellationToken) =>
        await storage.RunAsync(async ct =>
        {
            var folders = new List<string>();
            string suffix = "/" + CheckpointFormat.MetadataFile;
            await foreach (var blob in Models.GetBlobsAsync(BlobTraits.None, BlobStates.None, ModelPaths.Checkpoint(runId, "epoch-"), ct))
                if (blob.Name.EndsWith(suffix, StringComparison.Ordinal)) folders.Add(blob.Name[..^suffix.Length]);
            return folders.Order(StringComparer.Ordinal).ToList();
        }, cancellationToken);

    public async Task<CheckpointPointer?> ReadPointerAsync(string pointerBlob, CancellationToken cancellationToken) =>
        (await storage.ReadAsync(Models.GetBlobClient(pointerBlob), CheckpointJson.Default.CheckpointPointer, cancellationToken))?.Value;

    /// <summary>The folder of a run's checkpoint: the one named, else the run's best, else its latest; null when there is none.</summary>
    public async Task<string?> FindCheckpointAsync(string runId, string? checkpoint, CancellationToken cancellationToken)
    {
        string? name = checkpoint
                       ?? (await ReadPointerAsync(ModelPaths.RunBest(runId), cancellationToken))?.Checkpoint
                       ?? (await ReadPointerAsync(ModelPaths.RunLatest(runId), cancellationToken))?.Checkpoint;
        return name is not null && await ReadMetadataAsync(ModelPaths.Checkpoint(runId, name), cancellationToken) is not null
            ? ModelPaths.Checkpoint(runId, name)
            : null;
    }

    /// <summary>The newest checkpoint of a run, or null when the run has none yet.</summary>
    public async Task<StoredCheckpoint?> LoadRunLatestAsync(string runId, ModelConfig expected, CancellationToken cancellationToken)
    {
        CheckpointPointer? pointer = await ReadPointerAsync(ModelPaths.RunLatest(runId), cancellationToken);
        return pointer is null ? null : await LoadAsync(ModelPaths.Checkpoint(runId, pointer.Checkpoint), expected, cancellationToken);
    }

    /// <summary>Loads a checkpoint folder; with <paramref name="expected"/>, refuses one of another configuration.</summary>
    public async Task<StoredCheckpoint> LoadAsync(string folder, ModelConfig? expected, CancellationToken cancellationToken)
    {
        CheckpointMetadata metadata = await ReadMetadataAsync(folder, cancellationToken)
            ?? throw new MissingInputException("checkpoint.not-found", $"models/{folder} has no {CheckpointFormat.MetadataFile}.");
        byte[] weights = await DownloadAsync(ModelPaths.File(folder, CheckpointFormat.WeightsFile), cancellationToken)
                         ?? throw new MissingInputException("checkpoint.not-found",
                             $"models/{folder} has no {CheckpointFormat.WeightsFile}.");
        byte[]? optimizer = await DownloadAsync(ModelPaths.File(folder, CheckpointFormat.OptimizerFile), cancellationToken);
        SiameseNetwork network = CheckpointFormat.Rebuild(metadata, new MemoryStream(weights), $"models/{folder}", expected);
        return new StoredCheckpoint(folder, network, metadata, optimizer);
    }

    /// <summary>
    /// A file stored next to a checkpoint (its pictures), with its content type; null when the checkpoint has none of that
    /// name.
    /// </summary>
    public async Task<CheckpointAttachment?> ReadAttachmentAsync(string folder, string fileName, CancellationToken cancellationToken)
    {
        BlobClient blob = Models.GetBlobClient(ModelPaths.File(folder, CheckpointFormat.RequireFileName(fileName)));
        try
        {
            var content = await storage.RunAsync(async ct => (await blob.DownloadContentAsync(ct)).Value, cancellationToken);
            return new CheckpointAttachment(fileName, content.Details.ContentType ?? "application/octet-stream", content.Content.ToArray());
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<byte[]?> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return await storage.RunAsync(
                async ct => (await Models.GetBlobClient(blobName).DownloadContentAsync(ct)).Value.Content.ToArray(), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
