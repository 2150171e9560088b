using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Siamese.Model;
using Siamese.Model.Checkpoints;

namespace Siamese.Storage.Checkpoints;

/// <summary>
/// Checkpoints in the models container (layout: <see cref="ModelPaths"/>): their files, read and written without LibTorch
/// (the network they hold: <c>CheckpointNetwork</c> in Siamese.Model). A run is written through <see cref="OpenRunAsync"/> in
/// <c>CheckpointWriter</c>'s order, so a reader that follows a run's pointer always finds a complete checkpoint. Which
/// checkpoint is served is not decided here (see <see cref="ServedModels"/>).
/// </summary>
public sealed class BlobCheckpointStore(BlobServiceClient blobs, ResilientStorage storage)
{
    public BlobContainerClient Models => blobs.GetBlobContainerClient(StorageNames.ModelsContainer);

    /// <summary>A run's folder to write checkpoints into (with <c>CheckpointWriter</c>), the container created if need be.</summary>
    public async Task<ICheckpointTarget> OpenRunAsync(string runId, CancellationToken cancellationToken)
    {
        await storage.RunAsync(async ct => { await Models.CreateIfNotExistsAsync(cancellationToken: ct); }, cancellationToken);
        return new BlobRunFolder(Models, storage, runId);
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
    public async Task<CheckpointFiles?> LoadRunLatestAsync(string runId, CancellationToken cancellationToken)
    {
        CheckpointPointer? pointer = await ReadPointerAsync(ModelPaths.RunLatest(runId), cancellationToken);
        return pointer is null ? null : await LoadAsync(ModelPaths.Checkpoint(runId, pointer.Checkpoint), cancellationToken);
    }

    /// <summary>A complete checkpoint folder's metadata, weights and optimizer state.</summary>
    public async Task<CheckpointFiles> LoadAsync(string folder, CancellationToken cancellationToken)
    {
        CheckpointMetadata metadata = await ReadMetadataAsync(folder, cancellationToken)
            ?? throw new MissingInputException("checkpoint.not-found", $"models/{folder} has no {CheckpointFormat.MetadataFile}.");
        byte[] weights = await DownloadAsync(ModelPaths.File(folder, CheckpointFormat.WeightsFile), cancellationToken)
                         ?? throw new MissingInputException("checkpoint.not-found",
                             $"models/{folder} has no {CheckpointFormat.WeightsFile}.");
        byte[]? optimizer = await DownloadAsync(ModelPaths.File(folder, CheckpointFormat.OptimizerFile), cancellationToken);
        return new CheckpointFiles(folder, $"models/{folder}", metadata, weights, optimizer);
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
