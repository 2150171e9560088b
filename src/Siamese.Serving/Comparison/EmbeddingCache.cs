using Microsoft.Extensions.Options;
using CacheEntry = (string Model, string Image, float[] Embedding);

namespace Siamese.Serving.Comparison;

/// <summary>
/// Embeddings by (model, image content hash), least recently used first out, bounded by EmbeddingCacheEntries.
/// The same picture sent again (a gallery query, a repeated compare) skips decoding and the backbone.
/// </summary>
public sealed class EmbeddingCache(IOptions<ServingOptions> options)
{
    private readonly int capacity = options.Value.EmbeddingCacheEntries;
    private readonly Dictionary<(string Model, string Image), LinkedListNode<CacheEntry>> entries = new();
    private readonly LinkedList<CacheEntry> recency = new();
    private readonly Lock gate = new();
    private long hits, misses;

    public int Count { get { lock (gate) return entries.Count; } }
    public long Hits => Interlocked.Read(ref hits);
    public long Misses => Interlocked.Read(ref misses);

    public bool TryGet(string model, string image, out float[] embedding)
    {
        lock (gate)
        {
            if (entries.TryGetValue((model, image), out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                embedding = node.Value.Embedding;
                hits++;
                return true;
            }
        }
        Interlocked.Increment(ref misses);
        embedding = [];
        return false;
    }

    public void Add(string model, string image, float[] embedding)
    {
        if (capacity == 0) return;
        lock (gate)
        {
            if (entries.ContainsKey((model, image))) return;
            entries[(model, image)] = recency.AddFirst((model, image, embedding));
            while (entries.Count > capacity)
            {
                var last = recency.Last!;
                recency.RemoveLast();
                entries.Remove((last.Value.Model, last.Value.Image));
            }
        }
    }
}
