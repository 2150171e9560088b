using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Delivery;
using Siamese.Storage;
using Siamese.Storage.Datasets;

namespace Siamese.Pipeline.Uploads;

/// <summary>
/// No upload is lost: compares a listing of raw/ with the records of the uploads prepared (<see cref="UploadRecords"/>)
/// and prepares, with <see cref="DatasetPreparer"/>, each upload that has no record for its current ETag and is older
/// than the grace period (a younger one is probably being prepared by the trigger). A missed Event Grid event, a blob
/// the polling trigger skipped, a preparation that failed every attempt: each is prepared at the next run. Preparing
/// is idempotent by content, so an upload prepared twice still gives one dataset with its chunks enqueued once.
/// </summary>
public sealed partial class UploadReconciler(
    BlobServiceClient blobs,
    ResilientStorage storage,
    UploadRecords records,
    DatasetPreparer preparer,
    IOptions<ReconcileOptions> options,
    TimeProvider time,
    ILogger<UploadReconciler> logger)
{
    /// <returns>How many uploads it prepared.</returns>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, string> recorded = await records.ListAsync(cancellationToken);
        BlobContainerClient raw = blobs.GetBlobContainerClient(StorageNames.RawContainer);
        List<BlobItem> uploads = await ListAsync(raw, cancellationToken);
        DateTimeOffset youngerIsLeft = time.GetUtcNow() - TimeSpan.FromSeconds(options.Value.GraceSeconds);

        int prepared = 0, failed = 0, young = 0;
        foreach (BlobItem upload in uploads)
        {
            if (recorded.GetValueOrDefault(upload.Name) == UploadRecords.Normalize(upload.Properties.ETag!.Value)) continue;
            DateTimeOffset uploaded = upload.Properties.LastModified ?? DateTimeOffset.MinValue;
            if (uploaded > youngerIsLeft)
            {
                young++;
                continue;
            }
            LogMissed(StorageNames.RawContainer, upload.Name, uploaded);
            try
            {
                await preparer.PrepareAsync(raw.GetBlobClient(upload.Name), upload.Name, cancellationToken);
                prepared++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Left without a record: the next run tries again.
                failed++;
                LogFailed(ex, StorageNames.RawContainer, upload.Name);
            }
        }
        if (prepared + failed > 0) LogReconciled(uploads.Count, prepared, failed, young);
        return prepared;
    }

    private Task<List<BlobItem>> ListAsync(BlobContainerClient raw, CancellationToken cancellationToken) =>
        storage.RunAsync(async ct =>
        {
            var uploads = new List<BlobItem>();
            if (!await raw.ExistsAsync(ct)) return uploads;
            await foreach (BlobItem item in raw.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, ct))
                if (!DeliveryProbes.IsProbe(item.Name)) uploads.Add(item);
            return uploads;
        }, cancellationToken).AsTask();

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "{Container}/{Name} (uploaded {Uploaded:u}) has no record of a preparation: the trigger missed it; preparing it now")]
    private partial void LogMissed(string container, string name, DateTimeOffset uploaded);

    [LoggerMessage(Level = LogLevel.Error, Message = "Preparing {Container}/{Name} failed; the next reconciliation tries again")]
    private partial void LogFailed(Exception exception, string container, string name);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Reconciled {Uploads} uploads: {Prepared} prepared that the trigger had missed, {Failed} failed, " +
            "{Young} younger than the grace period left to the trigger")]
    private partial void LogReconciled(int uploads, int prepared, int failed, int young);
}
