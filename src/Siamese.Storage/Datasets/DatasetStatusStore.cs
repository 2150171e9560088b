using Azure.Storage.Blobs;

namespace Siamese.Storage.Datasets;

/// <summary>
/// status.json with optimistic concurrency: parallel chunks update it without losing each other's progress, and a
/// final state (ready, failed) is never overwritten.
/// </summary>
public sealed class DatasetStatusStore(BlobServiceClient blobs, ResilientStorage storage, TimeProvider time)
{
    public BlobClient Blob(string datasetId) =>
        blobs.GetBlobContainerClient(StorageNames.DatasetsContainer).GetBlobClient(DatasetPaths.Status(datasetId));

    public async Task<DatasetStatus?> ReadAsync(string datasetId, CancellationToken cancellationToken) =>
        (await storage.ReadAsync(Blob(datasetId), StorageJson.Default.DatasetStatus, cancellationToken))?.Value;

    /// <summary>Creates the status of a new dataset; false when the dataset already has one.</summary>
    public Task<bool> TryCreateAsync(DatasetStatus status, CancellationToken cancellationToken) =>
        storage.TryCreateAsync(
            Blob(status.DatasetId), status with { UpdatedUtc = time.GetUtcNow() }, StorageJson.Default.DatasetStatus, cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the current status and writes it back if nobody changed it meanwhile
    /// (else reads again and retries). A final status is left alone; so is a change that returns null.
    /// </summary>
    public Task<DatasetStatus?> UpdateAsync(
        string datasetId,
        Func<DatasetStatus, DatasetStatus?> change,
        CancellationToken cancellationToken) =>
        storage.UpdateAsync(Blob(datasetId), current =>
        {
            if (current is null) throw new InvalidOperationException($"Dataset {datasetId} has no status.");
            if (current.IsFinal) return null;
            return change(current) is { } next ? next with { UpdatedUtc = time.GetUtcNow() } : null;
        }, StorageJson.Default.DatasetStatus, cancellationToken);

    /// <summary>Records what became of the dataset's training (a ready dataset stays ready; only its Training part changes).</summary>
    public Task<DatasetStatus?> RecordTrainingAsync(string datasetId, DatasetTraining training, CancellationToken cancellationToken) =>
        storage.UpdateAsync(
            Blob(datasetId),
            current => current?.WithTraining(training, time.GetUtcNow()),
            StorageJson.Default.DatasetStatus,
            cancellationToken);

    public Task<DatasetStatus?> FailAsync(string datasetId, string code, string message, CancellationToken cancellationToken) =>
        UpdateAsync(datasetId, s => s with { State = DatasetState.Failed, Error = new DatasetError(code, message) }, cancellationToken);
}
