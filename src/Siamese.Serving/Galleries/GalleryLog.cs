using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Siamese.Storage;

namespace Siamese.Serving.Galleries;

/// <summary>
/// A gallery's blobs in the galleries container: the header ({gallery}/gallery.json, written once), the enrolled images
/// ({gallery}/images/{imageId}) and the change log ({gallery}/log/{segment:D6}), append blobs of
/// <see cref="GalleryChangeCodec"/> records. Each append is one block of whole records, so a reader never sees half a
/// record, and appending never reads the log: its cost does not depend on the gallery's size. A full segment is sealed
/// before the next one is created, so every record of segment N precedes every record of N+1 and a reader moves on
/// only from a sealed segment. Thread-safe; one per app. What it remembers per gallery (the header, the tail segment)
/// is forgotten by <see cref="DeleteAsync"/> and <see cref="Forget"/>.
/// </summary>
public sealed class GalleryLog
{
    /// <summary>Azure's error code for an append to a sealed blob (BlobErrorCode has no member for it).</summary>
    private const string BlobIsSealed = "BlobIsSealed";

    private const int FallbackRangeBytes = 256 * 1024;

    private readonly BlobServiceClient blobs;
    private readonly ResilientStorage storage;
    private readonly GalleryLogOptions options;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, GalleryHeader> headers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> tailSegments = new(StringComparer.Ordinal);
    private Task? containerCreated;
    private int rangeBytes;

    public GalleryLog(BlobServiceClient blobs, ResilientStorage storage)
        : this(blobs, storage, Options.Create(new GalleryLogOptions()), TimeProvider.System)
    {
    }

    public GalleryLog(BlobServiceClient blobs, ResilientStorage storage, IOptions<GalleryLogOptions> options, TimeProvider time)
    {
        this.blobs = blobs;
        this.storage = storage;
        this.options = options.Value;
        this.time = time;
        rangeBytes = this.options.ReadRangeBytes;
    }

    private BlobContainerClient Container => blobs.GetBlobContainerClient(StorageNames.GalleriesContainer);

    /// <summary>The gallery's header, or null when there is no such gallery. Read once, then remembered.</summary>
    public async Task<GalleryHeader?> ReadHeaderAsync(string gallery, CancellationToken cancellationToken)
    {
        if (headers.TryGetValue(gallery, out GalleryHeader? known)) return known;
        var read = await storage.ReadAsync(HeaderBlob(gallery), GalleryHeaderJson.Default.GalleryHeader, cancellationToken);
        return read is { Value: var header } ? headers.GetOrAdd(gallery, header) : null;
    }

    /// <summary>The gallery's header, created for <paramref name="model"/> if the gallery does not exist. Of writers that
    /// race to create it, one wins and all return the winner's header (whose model may differ from theirs).</summary>
    public async Task<GalleryHeader> CreateOrReadHeaderAsync(string gallery, string model, CancellationToken cancellationToken)
    {
        if (await ReadHeaderAsync(gallery, cancellationToken) is { } existing) return existing;
        await EnsureContainerAsync(cancellationToken);
        var header = new GalleryHeader(gallery, model, time.GetUtcNow(), GalleryHeader.CurrentFormat);
        if (await storage.TryCreateAsync(HeaderBlob(gallery), header, GalleryHeaderJson.Default.GalleryHeader, cancellationToken))
            return headers.GetOrAdd(gallery, header);
        GalleryHeader winner = await storage.ReadRequiredAsync(
            HeaderBlob(gallery), GalleryHeaderJson.Default.GalleryHeader, cancellationToken);
        return headers.GetOrAdd(gallery, winner);
    }

    /// <summary>Stores an image's bytes (replacing any under the id). Put it before the record that enrols it.</summary>
    public async Task PutImageAsync(string gallery, string imageId, byte[] bytes, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        BlobClient blob = Container.GetBlobClient(GalleryBlobNames.Image(gallery, imageId));
        await storage.UploadAsync(blob, bytes, conditions: null, cancellationToken);
    }

    /// <summary>Deletes removed images' bytes. Append the record that removes them first, so no reader looks for them.</summary>
    public async Task DeleteImagesAsync(string gallery, IEnumerable<string> imageIds, CancellationToken cancellationToken)
    {
        foreach (string imageId in imageIds)
        {
            BlobClient blob = Container.GetBlobClient(GalleryBlobNames.Image(gallery, imageId));
            await storage.RunAsync(async ct => { await blob.DeleteIfExistsAsync(cancellationToken: ct); }, cancellationToken);
        }
    }

    /// <exception cref="FileNotFoundException">There is no such image.</exception>
    public async Task<byte[]> ReadImageAsync(string gallery, string imageId, CancellationToken cancellationToken)
    {
        BlobClient blob = Container.GetBlobClient(GalleryBlobNames.Image(gallery, imageId));
        try
        {
            return await storage.RunAsync(async ct => (await blob.DownloadContentAsync(ct)).Value.Content.ToArray(), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"Gallery '{gallery}' has no image '{imageId}'.", blob.Name, ex);
        }
    }

    /// <summary>
    /// Appends the changes to the log's tail as one block (split between whole records only beyond
    /// <see cref="GalleryLogOptions.MaxBlockBytes"/>; then each block is atomic, the batch is not). Reads nothing of the
    /// log. A storage retry after a lost answer can append a block twice in a row: applying a record twice in a row
    /// gives the same state as once.
    /// </summary>
    public async Task AppendAsync(string gallery, IReadOnlyList<GalleryChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0) return;
        await EnsureContainerAsync(cancellationToken);
        foreach (byte[] block in Blocks(changes)) await AppendBlockAsync(gallery, block, cancellationToken);
    }

    /// <summary>The changes after <paramref name="from"/> and the position after them. When nothing changed this is one
    /// properties call on the tail segment.</summary>
    /// <exception cref="LogPositionLostException">The gallery was deleted since <paramref name="from"/> was read.</exception>
    public async Task<LogRead> ReadSinceAsync(string gallery, LogPosition from, CancellationToken cancellationToken)
    {
        var changes = new List<GalleryChange>();
        LogPosition position = from;
        await foreach (LogRead batch in ReadBatchesSinceAsync(gallery, from, cancellationToken))
        {
            changes.AddRange(batch.Changes);
            position = batch.Position;
        }
        return new LogRead(changes, position);
    }

    /// <summary>
    /// As <see cref="ReadSinceAsync"/>, in batches of at most about <see cref="GalleryLogOptions.ReadRangeBytes"/> of
    /// records, each with the position after it: a large log is applied as it downloads, never held whole.
    /// </summary>
    public async IAsyncEnumerable<LogRead> ReadBatchesSinceAsync(
        string gallery,
        LogPosition from,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        LogPosition position = from;
        while (true)
        {
            AppendBlobClient segment = SegmentBlob(gallery, position.Segment);
            BlobProperties? properties = await PropertiesAsync(segment, cancellationToken);
            if (properties is null)
            {
                if (position.Offset == 0 && await PreviousSegmentExistsAsync(gallery, position.Segment, cancellationToken)) yield break;
                Forget(gallery);
                throw new LogPositionLostException(gallery, position);
            }
            if (properties.ContentLength < position.Offset)
            {
                Forget(gallery);
                throw new LogPositionLostException(gallery, position);
            }

            byte[] carried = [];
            for (long offset = position.Offset; offset < properties.ContentLength;)
            {
                long count = Math.Min(rangeBytes, properties.ContentLength - offset);
                byte[] downloaded;
                try
                {
                    downloaded = await DownloadRangeAsync(segment, offset, count, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.InternalServerError && count > FallbackRangeBytes)
                {
                    // Azurite opens a file per block of a ranged read: a range over more blocks than its open-file limit
                    // (20,000 on our machines; one-record blocks of removals are ~20 bytes) fails. Smaller ranges from now on.
                    rangeBytes = FallbackRangeBytes;
                    continue;
                }
                offset += count;
                byte[] buffer = carried.Length == 0 ? downloaded : [.. carried, .. downloaded];
                (List<GalleryChange> changes, int consumed) = WholeRecords(buffer);
                carried = buffer[consumed..];
                position = position with { Offset = offset - carried.Length };
                if (changes.Count > 0) yield return new LogRead(changes, position);
            }
            if (carried.Length > 0)
                throw new InvalidDataException(
                    $"Gallery '{gallery}' log segment {position.Segment} ends inside a record " +
                    $"({carried.Length} bytes at {position.Offset}).");
            if (!properties.IsSealed) yield break;
            position = new LogPosition(position.Segment + 1, 0);
        }
    }

    /// <summary>Deletes the gallery: its header first (so it no longer exists for anyone), then every blob under it.</summary>
    /// <returns>Whether there was anything to delete.</returns>
    public async Task<bool> DeleteAsync(string gallery, CancellationToken cancellationToken)
    {
        Forget(gallery);
        bool existed = await storage.RunAsync(
            async ct => (await HeaderBlob(gallery).DeleteIfExistsAsync(cancellationToken: ct)).Value,
            cancellationToken);
        var names = new List<string>();
        try
        {
            await storage.RunAsync(async ct =>
            {
                names.Clear();
                var listing = Container.GetBlobsAsync(new GetBlobsOptions { Prefix = GalleryBlobNames.Prefix(gallery) }, ct);
                await foreach (BlobItem item in listing) names.Add(item.Name);
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return existed; // no container: no gallery
        }
        await Parallel.ForEachAsync(names,
            new ParallelOptions { MaxDegreeOfParallelism = options.DeleteConcurrency, CancellationToken = cancellationToken },
            async (name, ct) => await storage.RunAsync(
                async c => { await Container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: c); }, ct));
        Forget(gallery);
        return existed || names.Count > 0;
    }

    /// <summary>Forgets what this instance remembers of the gallery (its header and tail segment).</summary>
    public void Forget(string gallery)
    {
        headers.TryRemove(gallery, out _);
        tailSegments.TryRemove(gallery, out _);
    }

    private IEnumerable<byte[]> Blocks(IReadOnlyList<GalleryChange> changes)
    {
        var block = new ArrayBufferWriter<byte>();
        foreach (GalleryChange change in changes)
        {
            int size = GalleryChangeCodec.SizeOf(change);
            if (block.WrittenCount > 0 && block.WrittenCount + size > options.MaxBlockBytes)
            {
                yield return block.WrittenSpan.ToArray();
                block.ResetWrittenCount();
            }
            GalleryChangeCodec.Write(block, change);
        }
        yield return block.WrittenSpan.ToArray();
    }

    private async Task AppendBlockAsync(string gallery, byte[] block, CancellationToken cancellationToken)
    {
        int segment = await TailSegmentAsync(gallery, cancellationToken);
        while (true)
        {
            AppendBlobClient blob = SegmentBlob(gallery, segment);
            try
            {
                BlobAppendInfo appended = await storage.RunAsync(
                    async ct => (await blob.AppendBlockAsync(new MemoryStream(block, writable: false), cancellationToken: ct)).Value,
                    cancellationToken);
                if (appended.BlobCommittedBlockCount >= options.MaxBlocksPerSegment)
                    await RollOverAsync(gallery, segment, seal: true, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlockCountExceedsLimit)
            {
                segment = await RollOverAsync(gallery, segment, seal: true, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == BlobIsSealed)
            {
                segment = await RollOverAsync(gallery, segment, seal: false, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                // The gallery was deleted under a remembered tail: find the tail again.
                tailSegments.TryRemove(gallery, out _);
                segment = await TailSegmentAsync(gallery, cancellationToken);
            }
        }
    }

    /// <summary>Seals <paramref name="full"/> (so nothing lands in it after the next segment starts), creates the next
    /// segment if no other writer has, and remembers it as the tail.</summary>
    private async Task<int> RollOverAsync(string gallery, int full, bool seal, CancellationToken cancellationToken)
    {
        if (seal)
            await storage.RunAsync(
                async ct => { await SegmentBlob(gallery, full).SealAsync(cancellationToken: ct); }, cancellationToken);
        int next = full + 1;
        await storage.RunAsync(async ct => { await SegmentBlob(gallery, next).CreateIfNotExistsAsync(cancellationToken: ct); },
            cancellationToken);
        return tailSegments.AddOrUpdate(gallery, next, (_, known) => Math.Max(known, next));
    }

    /// <summary>The tail segment as this instance last knew it, or found by listing the log once (created when there is none).</summary>
    private async Task<int> TailSegmentAsync(string gallery, CancellationToken cancellationToken)
    {
        if (tailSegments.TryGetValue(gallery, out int known)) return known;
        int tail = await storage.RunAsync(async ct =>
        {
            int last = -1;
            var listing = Container.GetBlobsAsync(new GetBlobsOptions { Prefix = GalleryBlobNames.LogPrefix(gallery) }, ct);
            await foreach (BlobItem item in listing)
                if (GalleryBlobNames.SegmentOf(gallery, item.Name) is { } segment) last = Math.Max(last, segment);
            return last;
        }, cancellationToken);
        if (tail < 0)
        {
            tail = 0;
            await storage.RunAsync(
                async ct => { await SegmentBlob(gallery, 0).CreateIfNotExistsAsync(cancellationToken: ct); }, cancellationToken);
        }
        return tailSegments.AddOrUpdate(gallery, tail, (_, other) => Math.Max(other, tail));
    }

    private async Task<bool> PreviousSegmentExistsAsync(string gallery, int segment, CancellationToken cancellationToken) =>
        segment == 0 || await PropertiesAsync(SegmentBlob(gallery, segment - 1), cancellationToken) is not null;

    private async Task<BlobProperties?> PropertiesAsync(BlobBaseClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return await storage.RunAsync(async ct => (await blob.GetPropertiesAsync(cancellationToken: ct)).Value, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private Task<byte[]> DownloadRangeAsync(BlobBaseClient blob, long offset, long count, CancellationToken cancellationToken) =>
        storage.RunAsync(async ct =>
        {
            BlobDownloadResult result = (await blob.DownloadContentAsync(
                new BlobDownloadOptions { Range = new HttpRange(offset, count) }, ct)).Value;
            byte[] bytes = result.Content.ToArray();
            if (bytes.Length != count)
                throw new IOException($"Asked {blob.Name} for {count} bytes at {offset}, got {bytes.Length}."); // retried
            return bytes;
        }, cancellationToken).AsTask();

    private static (List<GalleryChange> Changes, int Consumed) WholeRecords(byte[] buffer)
    {
        var changes = new List<GalleryChange>();
        int consumed = 0;
        while (GalleryChangeCodec.TryRead(buffer.AsSpan(consumed), out GalleryChange? change, out int size))
        {
            changes.Add(change);
            consumed += size;
        }
        return (changes, consumed);
    }

    private Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        Task? created = containerCreated;
        if (created is { IsCompletedSuccessfully: true }) return created;
        created = storage.RunAsync(
            async ct => { await Container.CreateIfNotExistsAsync(cancellationToken: ct); }, cancellationToken).AsTask();
        containerCreated = created;
        return created;
    }

    private BlobClient HeaderBlob(string gallery) => Container.GetBlobClient(GalleryBlobNames.Header(gallery));

    private AppendBlobClient SegmentBlob(string gallery, int segment) =>
        Container.GetAppendBlobClient(GalleryBlobNames.LogSegment(gallery, segment));
}
