using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Siamese.Storage.Datasets;

/// <summary>
/// The records of the uploads that were prepared (datasets/uploads/{name}.json, see <see cref="UploadRecord"/>). Each
/// carries its upload's ETag as blob metadata too, so one listing tells which upload of raw/ has a record for its
/// current content.
/// </summary>
public sealed class UploadRecords(BlobServiceClient blobs, ResilientStorage storage, TimeProvider time)
{
    private const string ETagMetadata = "uploadetag";

    private BlobContainerClient Datasets => blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);

    /// <summary>An ETag as this store compares them: without the quotes a response header has and a listing has not.</summary>
    public static string Normalize(ETag etag) => etag.ToString().Trim('"');

    /// <param name="name">The upload's blob name in raw/.</param>
    public Task RecordAsync(string name, ETag etag, string datasetId, UploadOutcome outcome, CancellationToken cancellationToken)
    {
        var record = new UploadRecord($"{StorageNames.RawContainer}/{name}", Normalize(etag), datasetId, outcome, time.GetUtcNow());
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Metadata = new Dictionary<string, string> { [ETagMetadata] = record.ETag },
        };
        BinaryData content = new(JsonSerializer.SerializeToUtf8Bytes(record, StorageJson.Default.UploadRecord));
        BlobClient blob = Datasets.GetBlobClient(DatasetPaths.UploadRecord(name));
        return storage.RunAsync(async ct => { await blob.UploadAsync(content, options, ct); }, cancellationToken).AsTask();
    }

    public async Task<UploadRecord?> ReadAsync(string name, CancellationToken cancellationToken) =>
        (await storage.ReadAsync(Datasets.GetBlobClient(DatasetPaths.UploadRecord(name)), StorageJson.Default.UploadRecord,
            cancellationToken))?.Value;

    /// <summary>The ETag (normalized) each recorded upload had, by its blob name in raw/; empty before the first record.</summary>
    public Task<Dictionary<string, string>> ListAsync(CancellationToken cancellationToken) =>
        storage.RunAsync(async ct =>
        {
            var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!await Datasets.ExistsAsync(ct)) return recorded;
            await foreach (BlobItem item in Datasets.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, DatasetPaths.UploadsFolder, ct))
            {
                if (!item.Name.EndsWith(".json", StringComparison.Ordinal)) continue;
                if (!item.Metadata.TryGetValue(ETagMetadata, out string? etag)) continue;
                recorded[item.Name[DatasetPaths.UploadsFolder.Length..^".json".Length]] = etag;
            }
            return recorded;
        }, cancellationToken).AsTask();
}
