using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Polly;
using Polly.Registry;

namespace Siamese.Storage;

/// <summary>JSON documents and files in blob storage, each call inside the storage resilience pipeline.</summary>
public sealed class ResilientStorage(ResiliencePipelineProvider<string> pipelines)
{
    private readonly ResiliencePipeline pipeline = pipelines.GetPipeline(StorageResilience.PipelineName);

    public ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(call, cancellationToken);

    public ValueTask RunAsync(Func<CancellationToken, ValueTask> call, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(call, cancellationToken);

    /// <summary>The document and its ETag, or null when the blob does not exist.</summary>
    public async Task<(T Value, ETag ETag)?> ReadAsync<T>(BlobClient blob, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            var content = await RunAsync(async ct => (await blob.DownloadContentAsync(ct)).Value, cancellationToken);
            T value = JsonSerializer.Deserialize(content.Content.ToMemory().Span, type)
                      ?? throw new InvalidDataException($"Blob {blob.Name} holds an empty document.");
            return (value, content.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<T> ReadRequiredAsync<T>(BlobClient blob, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        (await ReadAsync(blob, type, cancellationToken)
         ?? throw new InvalidOperationException($"Blob {blob.BlobContainerName}/{blob.Name} does not exist.")).Value;

    public Task WriteAsync<T>(BlobClient blob, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        UploadAsync(blob, JsonSerializer.SerializeToUtf8Bytes(value, type), conditions: null, cancellationToken);

    /// <summary>Creates the blob only if it does not exist yet; false when it already did (write-once documents).</summary>
    public Task<bool> TryCreateAsync<T>(BlobClient blob, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        TryUploadAsync(
            blob,
            JsonSerializer.SerializeToUtf8Bytes(value, type),
            new BlobRequestConditions { IfNoneMatch = ETag.All },
            cancellationToken);

    /// <summary>Replaces the blob only if it still has <paramref name="etag"/>; false when someone else changed it first.</summary>
    public Task<bool> TryReplaceAsync<T>(BlobClient blob, T value, ETag etag, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        TryUploadAsync(
            blob,
            JsonSerializer.SerializeToUtf8Bytes(value, type),
            new BlobRequestConditions { IfMatch = etag },
            cancellationToken);

    /// <summary>
    /// Optimistic concurrency for a document several writers change: applies <paramref name="change"/> to the current
    /// value (null when the blob does not exist) and writes the result only if nobody wrote in between, else reads
    /// again and retries. A change that returns null writes nothing; the current value is returned.
    /// </summary>
    public async Task<T?> UpdateAsync<T>(BlobClient blob, Func<T?, T?> change, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        const int maxConflicts = 50;
        for (int attempt = 0; attempt < maxConflicts; attempt++)
        {
            var current = await ReadAsync(blob, type, cancellationToken);
            T? next = change(current?.Value);
            if (next is null) return current?.Value;
            bool written = current is null
                ? await TryCreateAsync(blob, next, type, cancellationToken)
                : await TryReplaceAsync(blob, next, current.Value.ETag, type, cancellationToken);
            if (written) return next;
        }
        throw new InvalidOperationException(
            $"Blob {blob.BlobContainerName}/{blob.Name} kept changing under {maxConflicts} attempts to update it.");
    }

    public Task UploadAsync(BlobClient blob, byte[] content, BlobRequestConditions? conditions, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions { Conditions = conditions }, ct);
        }, cancellationToken).AsTask();

    /// <summary>Uploads (or replaces) a blob with a content type, so a browser opens it as what it is (text/html, image/png).</summary>
    public Task UploadContentAsync(BlobClient blob, byte[] content, string contentType, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            await blob.UploadAsync(
                new BinaryData(content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);
        }, cancellationToken).AsTask();

    private async Task<bool> TryUploadAsync(
        BlobClient blob,
        byte[] content,
        BlobRequestConditions conditions,
        CancellationToken cancellationToken)
    {
        try
        {
            await UploadAsync(blob, content, conditions, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }
}
