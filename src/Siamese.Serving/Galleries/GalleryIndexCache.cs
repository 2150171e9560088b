using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Siamese.Serving.Galleries;

/// <summary>
/// Per instance: each gallery's <see cref="GalleryIndex"/> for the current model id, loaded once from the log and kept
/// current by reading the log's tail before each use, so a read sees every write acknowledged before it on any instance.
/// One catch-up at a time per gallery; callers that arrive while one runs wait for it and then need none of their own
/// when it started after they arrived. A new model id builds a new index from the log's start and drops the old one.
/// Thread-safe; one per app.
/// </summary>
public sealed class GalleryIndexCache
{
    private readonly GalleryLog log;
    private readonly GalleryIndexOptions options;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public GalleryIndexCache(GalleryLog log) : this(log, Options.Create(new GalleryIndexOptions()))
    {
    }

    public GalleryIndexCache(GalleryLog log, IOptions<GalleryIndexOptions> options)
    {
        this.log = log;
        this.options = options.Value;
    }

    /// <summary>The gallery's index for <paramref name="modelId"/>, with every change logged before this call applied
    /// (an empty index when the gallery has no log).</summary>
    public async Task<GalleryIndex> CurrentAsync(string gallery, string modelId, CancellationToken cancellationToken)
    {
        long arrived = Stopwatch.GetTimestamp();
        Entry entry = entries.GetOrAdd(gallery, _ => new Entry());
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            GalleryIndex? index = entry.Index;
            if (index is not null && index.ModelId == modelId && entry.LastCatchUpStarted > arrived) return index;
            if (index is null || index.ModelId != modelId)
            {
                entry.Index = null; // the old model's index goes before the new one is built: never both in memory
                index = new GalleryIndex(gallery, modelId, options);
            }
            long started = Stopwatch.GetTimestamp();
            try
            {
                await CatchUpAsync(index, cancellationToken);
            }
            catch (LogPositionLostException)
            {
                index = new GalleryIndex(gallery, modelId, options); // deleted (and perhaps created again) since last read
                await CatchUpAsync(index, cancellationToken);
            }
            entry.Index = index;
            entry.LastCatchUpStarted = started;
            return index;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Drops the gallery's index and what the log remembers of it (after a delete).</summary>
    public void Forget(string gallery)
    {
        entries.TryRemove(gallery, out _);
        log.Forget(gallery);
    }

    private async Task CatchUpAsync(GalleryIndex index, CancellationToken cancellationToken)
    {
        await foreach (LogRead batch in log.ReadBatchesSinceAsync(index.Gallery, index.Position, cancellationToken))
            index.Apply(batch.Changes, batch.Position);
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public GalleryIndex? Index { get; set; }

        /// <summary>When the last catch-up that completed began (<see cref="Stopwatch.GetTimestamp"/>).</summary>
        public long LastCatchUpStarted { get; set; }
    }
}
