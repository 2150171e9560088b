using System.Runtime.CompilerServices;

namespace Siamese.Serving.Galleries;

/// <summary>
/// The exact nearest rows to a query by L1 distance: every live row is measured. Chunks of rows are handed out to workers
/// (one per core) as they finish the last, each worker keeps its own <see cref="NearestHeap"/>, and the heaps are merged.
/// </summary>
internal static class NearestScan
{
    /// <summary>Below this many rows one thread scans faster than several start.</summary>
    private const int ParallelFromRows = 16_384;

    /// <returns>At most <paramref name="count"/> rows, nearest first (ties by image id, ordinal).</returns>
    public static List<(float Distance, int Row)> Run(
        EmbeddingRows embeddings,
        ReadOnlySpan<float> query,
        int count,
        Func<int, string> imageIdOfRow,
        int workers)
    {
        if (count <= 0 || embeddings.Count == 0) return [];
        if (query.Length != embeddings.Dimension)
            throw new ArgumentException($"The query has {query.Length} values; the gallery's embeddings have {embeddings.Dimension}.");
        int chunks = embeddings.ChunkCount;
        int threads = embeddings.Count < ParallelFromRows ? 1 : Math.Clamp(workers, 1, chunks);
        var heaps = new NearestHeap[threads];
        if (threads == 1)
        {
            heaps[0] = new NearestHeap(count, imageIdOfRow);
            for (int chunk = 0; chunk < chunks; chunk++) ScanChunk(embeddings, query, chunk, heaps[0]);
        }
        else
        {
            float[] queryCopy = query.ToArray();
            int nextChunk = -1;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, worker =>
            {
                var heap = heaps[worker] = new NearestHeap(count, imageIdOfRow);
                for (int chunk = Interlocked.Increment(ref nextChunk); chunk < chunks; chunk = Interlocked.Increment(ref nextChunk))
                    ScanChunk(embeddings, queryCopy, chunk, heap);
            });
        }

        var merged = heaps.SelectMany(heap => heap.Items()).ToList();
        merged.Sort((a, b) => a.Distance != b.Distance
            ? a.Distance.CompareTo(b.Distance)
            : string.CompareOrdinal(imageIdOfRow(a.Row), imageIdOfRow(b.Row)));
        return merged.Count > count ? merged[..count] : merged;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // the hot loop: optimised from its first call, not after tiering
    private static void ScanChunk(EmbeddingRows embeddings, ReadOnlySpan<float> query, int chunk, NearestHeap heap)
    {
        ReadOnlySpan<float> rows = embeddings.Chunk(chunk, out int firstRow);
        int dimension = query.Length;
        for (int at = 0, row = firstRow; at < rows.Length; at += dimension, row++)
        {
            float distance = L1Distance.Between(query, rows.Slice(at, dimension));
            if (heap.Admits(distance)) heap.Offer(distance, row);
        }
    }
}
