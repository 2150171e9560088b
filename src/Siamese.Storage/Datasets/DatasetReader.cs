using System.Threading.Channels;
using Azure.Storage.Blobs;
using Siamese.Model;
using Siamese.Model.Data;

namespace Siamese.Storage.Datasets;

/// <summary>A ready dataset: its manifest and its index; its shards are read on demand.</summary>
public sealed record PreparedDataset(DatasetManifest Manifest, DatasetIndex Index);

/// <summary>
/// Reads a prepared dataset from blob storage. Only a dataset whose status is ready and whose manifest exists is
/// read; shards are downloaded several at a time (so the next ones arrive while one is unpacked) and each is
/// checked against the SHA-256 in the manifest.
/// </summary>
public sealed class DatasetReader(BlobServiceClient blobs, ResilientStorage storage)
{
    private const int ParallelDownloads = 4;

    private BlobContainerClient Datasets => blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);

    public async Task<PreparedDataset> ReadAsync(string datasetId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(datasetId) || datasetId.Contains('/') || datasetId.Contains(".."))
            throw new InvalidInputException("dataset.invalid-id", $"'{datasetId}' is not a dataset id.");

        var status = await storage.ReadAsync(
            Datasets.GetBlobClient(DatasetPaths.Status(datasetId)), StorageJson.Default.DatasetStatus, cancellationToken);
        switch (status?.Value)
        {
            case null:
                throw new MissingInputException("dataset.not-found",
                    $"Dataset {datasetId} does not exist (no {StorageNames.DatasetsContainer}/{DatasetPaths.Status(datasetId)}).");
            case { State: DatasetState.Failed } failed:
                throw new InvalidInputException("dataset.failed",
                    $"Dataset {datasetId} failed to build ({failed.Error?.Code}: {failed.Error?.Message}).");
            case { State: not DatasetState.Ready } building:
                throw new InvalidInputException("dataset.not-ready",
                    $"Dataset {datasetId} is {building.State.ToString().ToLowerInvariant()}, not ready.");
        }

        BlobClient manifestBlob = Datasets.GetBlobClient(DatasetPaths.Manifest(datasetId));
        var manifest = await storage.ReadAsync(manifestBlob, StorageJson.Default.DatasetManifest, cancellationToken)
                       ?? throw new InvalidInputException("dataset.no-manifest", $"Dataset {datasetId} says ready but has no manifest.");
        DatasetIndex index = await storage.ReadRequiredAsync(
            Datasets.GetBlobClient(manifest.Value.Index), StorageJson.Default.DatasetIndex, cancellationToken);

        return new PreparedDataset(manifest.Value, index);
    }

    /// <summary>Every rendered pair of the dataset with its PNG bytes (the original recipe trains on them).</summary>
    public async Task<IReadOnlyList<(ShardPair Pair, byte[] Png)>> ReadPairsAsync(
        PreparedDataset dataset,
        CancellationToken cancellationToken)
    {
        var pairs = new List<(ShardPair, byte[])>(dataset.Manifest.Pairs);
        var shards = dataset.Manifest.Shards.Select(s => (s.Shard, s.Sha256)).ToList();
        await foreach (var shardPairs in DownloadShardsAsync(shards, ShardFormat.Read, cancellationToken))
            pairs.AddRange(shardPairs);
        return pairs;
    }

    /// <summary>
    /// Every class image of the dataset, genuine and impostor (lossless PNG, as prepared), by its entry in the upload; the
    /// trainer reads them as an archive of the dataset's classes (<c>MemoryImageArchive.OfClasses</c> in Siamese.Model).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> ReadClassImagesAsync(PreparedDataset dataset,
        CancellationToken cancellationToken)
    {
        if (dataset.Manifest.ImageShards.Count == 0)
            throw new InvalidInputException("dataset.no-class-images",
                $"Dataset {dataset.Index.DatasetId} was prepared by an earlier version that did not keep class images; " +
                $"delete datasets/{dataset.Index.DatasetId}/ and upload the zip again.");
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var shards = dataset.Manifest.ImageShards.Select(s => (s.Shard, s.Sha256)).ToList();
        await foreach (var shardImages in DownloadShardsAsync(shards, ImageShardFormat.Read, cancellationToken))
            foreach (var (image, png) in shardImages)
                images[image.Entry] = png;
        return images;
    }

    /// <summary>Shards in manifest order, downloaded up to <see cref="ParallelDownloads"/> ahead, checked and unpacked.</summary>
    private async IAsyncEnumerable<IReadOnlyList<T>> DownloadShardsAsync<T>(
        IReadOnlyList<(string Blob, string Sha256)> shards,
        Func<Stream, IReadOnlyList<T>> unpack,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ahead = Channel.CreateBounded<Task<BinaryData>>(ParallelDownloads);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var shard in shards)
                    await ahead.Writer.WriteAsync(DownloadAsync(shard.Blob, shard.Sha256, cancellationToken), cancellationToken);
            }
            finally
            {
                ahead.Writer.Complete();
            }
        }, cancellationToken);

        await foreach (var download in ahead.Reader.ReadAllAsync(cancellationToken))
            yield return unpack((await download).ToStream());
        await producer;
    }

    private async Task<BinaryData> DownloadAsync(string blob, string expectedSha256, CancellationToken cancellationToken)
    {
        BinaryData content = await storage.RunAsync(
            async ct => (await Datasets.GetBlobClient(blob).DownloadContentAsync(ct)).Value.Content, cancellationToken);
        string sha256 = ContentIds.Sha256(content.ToMemory().Span);
        if (sha256 != expectedSha256)
            throw new InvalidInputException("dataset.corrupt-shard",
                $"Shard {blob} has SHA-256 {sha256[..12]}…, the manifest says {expectedSha256[..12]}…; the dataset was altered.");
        return content;
    }
}
