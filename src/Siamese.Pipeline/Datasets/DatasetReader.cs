using System.Security.Cryptography;
using System.Threading.Channels;
using Azure.Storage.Blobs;
using Siamese.Model;
using Siamese.Pipeline.Storage;

namespace Siamese.Pipeline.Datasets;

/// <summary>A ready dataset: its manifest, its index and every pair with its PNG bytes.</summary>
public sealed record PreparedDataset(DatasetManifest Manifest, DatasetIndex Index, IReadOnlyList<(ShardPair Pair, byte[] Png)> Pairs);

/// <summary>
/// Reads a prepared dataset from blob storage. Only a dataset whose status is ready and whose manifest exists is
/// read; shards are downloaded several at a time (so the next ones arrive while one is unpacked) and each is
/// checked against the SHA-256 in the manifest.
/// </summary>
public sealed class DatasetReader(BlobServiceClient blobs, BlobDocuments documents)
{
    private const int ParallelDownloads = 4;

    private BlobContainerClient Datasets => blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);

    public async Task<PreparedDataset> ReadAsync(string datasetId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(datasetId) || datasetId.Contains('/') || datasetId.Contains(".."))
            throw new InvalidInputException("dataset.invalid-id", $"'{datasetId}' is not a dataset id.");

        var status = await documents.ReadAsync(Datasets.GetBlobClient(DatasetPaths.Status(datasetId)), PipelineJson.Default.DatasetStatus, cancellationToken);
        switch (status?.Value)
        {
            case null:
                throw new InvalidInputException("dataset.not-found", $"Dataset {datasetId} does not exist (no {StorageNames.DatasetsContainer}/{DatasetPaths.Status(datasetId)}).");
            case { State: DatasetState.Failed } failed:
                throw new InvalidInputException("dataset.failed", $"Dataset {datasetId} failed to build ({failed.Error?.Code}: {failed.Error?.Message}).");
            case { State: not DatasetState.Ready } building:
                throw new InvalidInputException("dataset.not-ready", $"Dataset {datasetId} is {building.State.ToString().ToLowerInvariant()}, not ready.");
        }

        var manifest = await documents.ReadAsync(Datasets.GetBlobClient(DatasetPaths.Manifest(datasetId)), PipelineJson.Default.DatasetManifest, cancellationToken)
                       ?? throw new InvalidInputException("dataset.no-manifest", $"Dataset {datasetId} says ready but has no manifest.");
        DatasetIndex index = await documents.ReadRequiredAsync(Datasets.GetBlobClient(manifest.Value.Index), PipelineJson.Default.DatasetIndex, cancellationToken);

        var pairs = new List<(ShardPair, byte[])>(manifest.Value.Pairs);
        await foreach (var shardPairs in DownloadShardsAsync(manifest.Value.Shards, cancellationToken))
            pairs.AddRange(shardPairs);
        return new PreparedDataset(manifest.Value, index, pairs);
    }

    /// <summary>Shards in manifest order, downloaded up to <see cref="ParallelDownloads"/> ahead.</summary>
    private async IAsyncEnumerable<IReadOnlyList<(ShardPair Pair, byte[] Png)>> DownloadShardsAsync(IReadOnlyList<ShardInfo> shards,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ahead = Channel.CreateBounded<Task<IReadOnlyList<(ShardPair, byte[])>>>(ParallelDownloads);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (ShardInfo shard in shards)
                    await ahead.Writer.WriteAsync(DownloadAsync(shard, cancellationToken), cancellationToken);
            }
            finally
            {
                ahead.Writer.Complete();
            }
        }, cancellationToken);

        await foreach (var download in ahead.Reader.ReadAllAsync(cancellationToken))
            yield return await download;
        await producer;
    }

    private async Task<IReadOnlyList<(ShardPair, byte[])>> DownloadAsync(ShardInfo shard, CancellationToken cancellationToken)
    {
        BinaryData content = await documents.RunAsync(async ct => (await Datasets.GetBlobClient(shard.Shard).DownloadContentAsync(ct)).Value.Content, cancellationToken);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));
        if (sha256 != shard.Sha256)
            throw new InvalidInputException("dataset.corrupt-shard", $"Shard {shard.Shard} has SHA-256 {sha256[..12]}…, the manifest says {shard.Sha256[..12]}…; the dataset was altered.");
        return ShardFormat.Read(content.ToStream());
    }
}
