using System.IO.Compression;
using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Pipeline.Delivery;
using Siamese.Storage;
using Siamese.Storage.Datasets;

namespace Siamese.Pipeline.Datasets;

/// <summary>
/// Builds one chunk over blob storage: reads its images from the upload, renders its pair shard and its class image
/// shard (<see cref="DatasetRecipe"/>), writes both and then its completion marker. Everything is deterministic,
/// so a redelivered message rewrites the same bytes under the same names. The invocation that completes the
/// last chunk writes the manifest (write-once) and enqueues the training request.
/// </summary>
public sealed partial class ChunkBuilder(
    BlobServiceClient blobs,
    ResilientStorage storage,
    DatasetStatusStore statuses,
    StorageQueues queues,
    IOptions<PreparationOptions> options,
    TimeProvider time,
    ILogger<ChunkBuilder> logger)
{
    private BlobContainerClient Datasets => blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);

    public async Task BuildAsync(ChunkMessage message, DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        try
        {
            DatasetStatus? status = await statuses.ReadAsync(message.DatasetId, cancellationToken);
            if (status is null or { State: DatasetState.Failed })
            {
                LogSkipped(message.DatasetId, message.Chunk, status?.State.ToString() ?? "unknown");
                return;
            }

            DatasetIndex index = await storage.ReadRequiredAsync(
                Datasets.GetBlobClient(DatasetPaths.Index(message.DatasetId)), StorageJson.Default.DatasetIndex, cancellationToken);
            BlobClient marker = Datasets.GetBlobClient(DatasetPaths.ChunkMarker(message.DatasetId, message.Chunk));
            if (await storage.ReadAsync(marker, StorageJson.Default.ChunkInfo, cancellationToken) is null)
                await storage.WriteAsync(
                    marker,
                    await WriteShardsAsync(index, message.Chunk, cancellationToken),
                    StorageJson.Default.ChunkInfo,
                    cancellationToken);
            else
                LogAlreadyBuilt(message.DatasetId, message.Chunk);

            await CompleteIfLastAsync(index, cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            await statuses.FailAsync(message.DatasetId, ex.Code, $"Chunk {message.Chunk}: {ex.Message}", cancellationToken);
            LogChunkRejected(message.DatasetId, message.Chunk, ex.Code, ex.Message);
        }
        catch (Exception ex) when (attempt.IsLast && ex is not OperationCanceledException)
        {
            // The last attempt: tell the user before the host moves the message to the poison queue.
            await statuses.FailAsync(message.DatasetId, "chunk.failed",
                $"Chunk {message.Chunk} of {message.ChunkCount} failed {attempt.Number} times; " +
                $"last error: {ex.GetType().Name}: {ex.Message}",
                CancellationToken.None);
            LogChunkFailed(ex, message.DatasetId, message.Chunk, attempt.Number);
            throw;
        }
    }

    /// <summary>The chunk's pair shard and class image shard; the marker that names both is written after them.</summary>
    private async Task<ChunkInfo> WriteShardsAsync(DatasetIndex index, int chunk, CancellationToken cancellationToken)
    {
        IReadOnlyList<ImagePair> pairs = DatasetRecipe.PairsFor(index, chunk);
        var needed = pairs.SelectMany(p => new[] { p.FirstImage, p.SecondImage })
            .Concat(DatasetRecipe.ImagesOf(index, chunk).Select(image => image.Entry))
            .ToHashSet(StringComparer.Ordinal);
        var images = await ReadImagesAsync(index, needed, cancellationToken);
        long maxPixels = options.Value.Limits.MaxImagePixels;

        byte[] pairShard = DatasetRecipe.Build(index, pairs, images, maxPixels, cancellationToken);
        string pairShardName = DatasetPaths.Shard(index.DatasetId, chunk);
        await storage.UploadAsync(Datasets.GetBlobClient(pairShardName), pairShard, conditions: null, cancellationToken);
        var pairInfo = new ShardInfo(
            chunk, pairShardName, pairs.Count, pairs.Count(p => p.IsSame), pairShard.Length, ContentIds.Sha256(pairShard));

        byte[] imageShard = DatasetRecipe.BuildImageShard(index, chunk, images, maxPixels, cancellationToken);
        string imageShardName = DatasetPaths.ImageShard(index.DatasetId, chunk);
        await storage.UploadAsync(Datasets.GetBlobClient(imageShardName), imageShard, conditions: null, cancellationToken);
        var classes = DatasetRecipe.ClassesOf(index, chunk).ToList();
        var imageInfo = new ImageShardInfo(chunk, imageShardName, index.Chunks[chunk].Count,
            classes.Sum(c => c.Images.Count), imageShard.Length, ContentIds.Sha256(imageShard))
        {
            Impostors = classes.Sum(c => c.Impostors.Count),
        };

        LogShard(index.DatasetId, chunk, index.Chunks.Count, pairInfo.Pairs, pairInfo.Bytes, imageInfo.Images, imageInfo.Bytes);
        return new ChunkInfo(chunk, pairInfo, imageInfo);
    }


    /// <summary>Reads the needed entries from the upload, refusing to read an upload that changed since it was indexed.</summary>
    private async Task<Dictionary<string, byte[]>> ReadImagesAsync(
        DatasetIndex index,
        HashSet<string> entries,
        CancellationToken cancellationToken)
    {
        string blobName = index.Source[(StorageNames.RawContainer.Length + 1)..];
        BlobClient upload = blobs.GetBlobContainerClient(StorageNames.RawContainer).GetBlobClient(blobName);
        try
        {
            var readOptions = new BlobOpenReadOptions(allowModifications: false)
            {
                Conditions = new BlobRequestConditions { IfMatch = new ETag(index.SourceETag) },
            };
            await using Stream stream = await storage.RunAsync(
                async ct => await upload.OpenReadAsync(readOptions, ct), cancellationToken);
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
            throw new InvalidInputException("upload.changed",
                $"The upload {index.Source} was replaced or deleted while its dataset was being built; upload it again.", ex);
        }
    }

    private async Task CompleteIfLastAsync(DatasetIndex index, CancellationToken cancellationToken)
    {
        var markers = new List<ChunkInfo>();
        string markerPrefix = DatasetPaths.ChunkMarkersPrefix(index.DatasetId);
        await foreach (BlobItem item in Datasets.GetBlobsAsync(BlobTraits.None, BlobStates.None, markerPrefix, cancellationToken))
            markers.Add(await storage.ReadRequiredAsync(
                Datasets.GetBlobClient(item.Name), StorageJson.Default.ChunkInfo, cancellationToken));

        await statuses.UpdateAsync(
            index.DatasetId,
            s => s.ChunksDone >= markers.Count
                ? null
                : s with { ChunksDone = markers.Count, Pairs = markers.Sum(m => m.PairShard.Pairs) },
            cancellationToken);
        if (markers.Count < index.Chunks.Count) return;

        markers = markers.OrderBy(m => m.Chunk).ToList();
        var manifest = new DatasetManifest(index.DatasetId, index.Source, time.GetUtcNow(), index.Classes.Count,
            markers.Sum(m => m.PairShard.Pairs), markers.Sum(m => m.PairShard.Positives), index.ColorMode, index.ColorMode.Channels(),
            index.ImageSize, 2 * index.ImageSize, DatasetPaths.Index(index.DatasetId), markers.Select(m => m.PairShard).ToList())
        {
            ImageShards = markers.Select(m => m.ImageShard).ToList(),
        };
        BlobClient manifestBlob = Datasets.GetBlobClient(DatasetPaths.Manifest(index.DatasetId));
        if (!await storage.TryCreateAsync(manifestBlob, manifest, StorageJson.Default.DatasetManifest, cancellationToken))
            return; // another invocation completed the dataset first

        await statuses.UpdateAsync(
            index.DatasetId,
            s => s with { State = DatasetState.Ready, ChunksDone = markers.Count, Pairs = manifest.Pairs },
            cancellationToken);
        await queues.SendAsync(
            StorageNames.TrainingRequestsQueue,
            new TrainingRequest(index.DatasetId, DatasetPaths.Manifest(index.DatasetId), time.GetUtcNow())
            {
                Recipe = index.Recipe,
                Model = index.Model,
            },
            StorageJson.Default.TrainingRequest,
            cancellationToken);
        LogReady(index.DatasetId, manifest.Pairs, manifest.Images, manifest.Shards.Count + manifest.ImageShards.Count,
            index.Recipe?.ToString() ?? "default");
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Dataset {DatasetId} chunk {Chunk}/{Chunks}: {Pairs} pairs ({PairBytes} bytes), " +
            "{Images} class images ({ImageBytes} bytes)")]
    private partial void LogShard(string datasetId, int chunk, int chunks, int pairs, long pairBytes, int images, long imageBytes);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Dataset {DatasetId} chunk {Chunk} was built before (a redelivered message); not building it again")]
    private partial void LogAlreadyBuilt(string datasetId, int chunk);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {DatasetId} chunk {Chunk} skipped: the dataset is {State}")]
    private partial void LogSkipped(string datasetId, int chunk, string state);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Dataset {DatasetId} is ready: {Pairs} pairs and {Images} class images in {Shards} shards; " +
            "training requested with recipe {Recipe}")]
    private partial void LogReady(string datasetId, int pairs, int images, int shards, string recipe);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {DatasetId} chunk {Chunk} rejected: {Code}: {Reason}")]
    private partial void LogChunkRejected(string datasetId, int chunk, string code, string reason);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Dataset {DatasetId} chunk {Chunk} failed on attempt {Attempt}, the last; the dataset is marked failed")]
    private partial void LogChunkFailed(Exception exception, string datasetId, int chunk, long attempt);
}
