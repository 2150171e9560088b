using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Storage;

namespace Siamese.Pipeline.Preparation;

/// <summary>
/// Builds one chunk over blob storage: reads its images from the upload, renders its shard (<see cref="DatasetRecipe"/>),
/// writes the shard and then its completion marker. Everything is deterministic,
/// so a redelivered message rewrites the same bytes under the same names. The invocation that completes the
/// last chunk writes the manifest (write-once) and enqueues the training request.
/// </summary>
public sealed partial class ChunkBuilder(
    BlobServiceClient blobs,
    BlobDocuments documents,
    DatasetStatusStore statuses,
    PipelineQueues queues,
    IOptions<PreparationOptions> options,
    TimeProvider time,
    ILogger<ChunkBuilder> logger)
{
    private BlobContainerClient Datasets => blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);

    /// <param name="attempt">1 for the first delivery of the message; the host's dequeue count.</param>
    public async Task BuildAsync(ChunkMessage message, long attempt, CancellationToken cancellationToken)
    {
        try
        {
            DatasetStatus? status = await statuses.ReadAsync(message.DatasetId, cancellationToken);
            if (status is null or { State: DatasetState.Failed })
            {
                LogSkipped(message.DatasetId, message.Chunk, status?.State.ToString() ?? "unknown");
                return;
            }

            DatasetIndex index = await documents.ReadRequiredAsync(Datasets.GetBlobClient(DatasetPaths.Index(message.DatasetId)), PipelineJson.Default.DatasetIndex, cancellationToken);
            BlobClient marker = Datasets.GetBlobClient(DatasetPaths.ChunkMarker(message.DatasetId, message.Chunk));
            if (await documents.ReadAsync(marker, PipelineJson.Default.ShardInfo, cancellationToken) is null)
                await documents.WriteAsync(marker, await WriteShardAsync(index, message.Chunk, cancellationToken), PipelineJson.Default.ShardInfo, cancellationToken);
            else
                LogAlreadyBuilt(message.DatasetId, message.Chunk);

            await CompleteIfLastAsync(index, cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            await statuses.FailAsync(message.DatasetId, ex.Code, $"Chunk {message.Chunk}: {ex.Message}", cancellationToken);
            LogChunkRejected(message.DatasetId, message.Chunk, ex.Code, ex.Message);
        }
        catch (Exception ex) when (attempt >= options.Value.MaxChunkAttempts && ex is not OperationCanceledException)
        {
            // The last attempt: tell the user before the host moves the message to the poison queue.
            await statuses.FailAsync(message.DatasetId, "chunk.failed",
                $"Chunk {message.Chunk} of {message.ChunkCount} failed {attempt} times; last error: {ex.GetType().Name}: {ex.Message}", CancellationToken.None);
            LogChunkFailed(ex, message.DatasetId, message.Chunk, attempt);
            throw;
        }
    }

    private async Task<ShardInfo> WriteShardAsync(DatasetIndex index, int chunk, CancellationToken cancellationToken)
    {
        IReadOnlyList<ImagePair> pairs = DatasetRecipe.PairsFor(index, chunk);
        var images = await ReadImagesAsync(index, pairs.SelectMany(p => new[] { p.FirstImage, p.SecondImage }).ToHashSet(StringComparer.Ordinal), cancellationToken);
        byte[] shard = DatasetRecipe.Build(index, pairs, images, options.Value.Limits.MaxImagePixels, cancellationToken);

        string shardName = DatasetPaths.Shard(index.DatasetId, chunk);
        await documents.UploadAsync(Datasets.GetBlobClient(shardName), shard, conditions: null, cancellationToken);
        var info = new ShardInfo(chunk, shardName, pairs.Count, pairs.Count(p => p.IsSame), shard.Length, Convert.ToHexStringLower(SHA256.HashData(shard)));
        LogShard(index.DatasetId, chunk, index.Chunks.Count, info.Pairs, info.Bytes);
        return info;
    }

    /// <summary>Reads the needed entries from the upload, refusing to read an upload that changed since it was indexed.</summary>
    private async Task<Dictionary<string, byte[]>> ReadImagesAsync(DatasetIndex index, HashSet<string> entries, CancellationToken cancellationToken)
    {
        string blobName = index.Source[(StorageNames.RawContainer.Length + 1)..];
        BlobClient upload = blobs.GetBlobContainerClient(StorageNames.RawContainer).GetBlobClient(blobName);
        try
        {
            var readOptions = new BlobOpenReadOptions(allowModifications: false) { Conditions = new BlobRequestConditions { IfMatch = new ETag(index.SourceETag) } };
            await using Stream stream = await documents.RunAsync(async ct => await upload.OpenReadAsync(readOptions, ct), cancellationToken);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                if (!entries.Contains(entry.FullName)) continue;
                await using Stream content = entry.Open();
                var bytes = new byte[entry.Length];
                await content.ReadExactlyAsync(bytes, cancellationToken);
                images[entry.FullName] = bytes;
            }
            return images;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            throw new InvalidInputException("upload.changed", $"The upload {index.Source} was replaced or deleted while its dataset was being built; upload it again.", ex);
        }
    }

    private async Task CompleteIfLastAsync(DatasetIndex index, CancellationToken cancellationToken)
    {
        var markers = new List<ShardInfo>();
        await foreach (BlobItem item in Datasets.GetBlobsAsync(BlobTraits.None, BlobStates.None, DatasetPaths.ChunkMarkersPrefix(index.DatasetId), cancellationToken))
            markers.Add(await documents.ReadRequiredAsync(Datasets.GetBlobClient(item.Name), PipelineJson.Default.ShardInfo, cancellationToken));

        await statuses.UpdateAsync(index.DatasetId, s => s.ChunksDone >= markers.Count ? null : s with { ChunksDone = markers.Count, Pairs = markers.Sum(m => m.Pairs) }, cancellationToken);
        if (markers.Count < index.Chunks.Count) return;

        var manifest = new DatasetManifest(index.DatasetId, index.Source, time.GetUtcNow(), index.Classes.Count,
            markers.Sum(m => m.Pairs), markers.Sum(m => m.Positives), index.ColorMode, index.ColorMode.Channels(),
            index.ImageSize, 2 * index.ImageSize, DatasetPaths.Index(index.DatasetId), markers.OrderBy(m => m.Chunk).ToList());
        if (!await documents.TryCreateAsync(Datasets.GetBlobClient(DatasetPaths.Manifest(index.DatasetId)), manifest, PipelineJson.Default.DatasetManifest, cancellationToken))
            return; // another invocation completed the dataset first

        await statuses.UpdateAsync(index.DatasetId, s => s with { State = DatasetState.Ready, ChunksDone = markers.Count, Pairs = manifest.Pairs }, cancellationToken);
        await queues.SendAsync(StorageNames.TrainingRequestsQueue,
            new TrainingRequest(index.DatasetId, DatasetPaths.Manifest(index.DatasetId), time.GetUtcNow()), PipelineJson.Default.TrainingRequest, cancellationToken);
        LogReady(index.DatasetId, manifest.Pairs, manifest.Shards.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {DatasetId} chunk {Chunk}/{Chunks}: {Pairs} pairs, {Bytes} bytes")]
    private partial void LogShard(string datasetId, int chunk, int chunks, int pairs, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {DatasetId} chunk {Chunk} was built before (a redelivered message); not building it again")]
    private partial void LogAlreadyBuilt(string datasetId, int chunk);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {DatasetId} chunk {Chunk} skipped: the dataset is {State}")]
    private partial void LogSkipped(string datasetId, int chunk, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {DatasetId} is ready: {Pairs} pairs in {Shards} shards; training requested")]
    private partial void LogReady(string datasetId, int pairs, int shards);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {DatasetId} chunk {Chunk} rejected: {Code}: {Reason}")]
    private partial void LogChunkRejected(string datasetId, int chunk, string code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dataset {DatasetId} chunk {Chunk} failed on attempt {Attempt}, the last; the dataset is marked failed")]
    private partial void LogChunkFailed(Exception exception, string datasetId, int chunk, long attempt);
}
