namespace Siamese.Serving.Galleries;

/// <summary>
/// Embeddings of one dimension as rows in fixed-size chunks: growing adds a chunk (nothing is copied), and a removed row
/// is filled with the last one, so rows 0..Count-1 are all live and a scan reads no holes. Not thread-safe.
/// </summary>
internal sealed class EmbeddingRows(int rowsPerChunk)
{
    private readonly List<float[]> chunks = [];

    public int RowsPerChunk { get; } = rowsPerChunk;

    /// <summary>Values per row: the length of the first row added (0 while empty).</summary>
    public int Dimension { get; private set; }

    public int Count { get; private set; }

    public int ChunkCount => (Count + RowsPerChunk - 1) / RowsPerChunk;

    public long AllocatedBytes => (long)chunks.Count * RowsPerChunk * Dimension * sizeof(float);

    public int Add(ReadOnlySpan<float> embedding)
    {
        if (Count == 0 && embedding.Length != Dimension)
        {
            chunks.Clear();
            Dimension = embedding.Length;
        }
        int row = Count;
        if (row / RowsPerChunk == chunks.Count) chunks.Add(new float[RowsPerChunk * Dimension]);
        Count++;
        Set(row, embedding);
        return row;
    }

    public void Set(int row, ReadOnlySpan<float> embedding)
    {
        if (embedding.Length != Dimension)
            throw new InvalidDataException($"An embedding of {embedding.Length} values among rows of {Dimension}.");
        embedding.CopyTo(Writable(row));
    }

    public ReadOnlySpan<float> Row(int row) => Writable(row);

    /// <summary>Removes <paramref name="row"/> by moving the last row into it.</summary>
    /// <returns>The former index of the row that moved into <paramref name="row"/>, or -1 when it was the last.</returns>
    public int RemoveBySwap(int row)
    {
        int last = Count - 1;
        if (row != last) Writable(last).CopyTo(Writable(row));
        Count--;
        if (chunks.Count > ChunkCount + 1) chunks.RemoveAt(chunks.Count - 1); // keep one spare chunk against churn
        return row == last ? -1 : last;
    }

    /// <summary>The live rows of chunk <paramref name="chunk"/>, contiguous, and the index of its first row.</summary>
    public ReadOnlySpan<float> Chunk(int chunk, out int firstRow)
    {
        firstRow = chunk * RowsPerChunk;
        int rows = Math.Min(RowsPerChunk, Count - firstRow);
        return chunks[chunk].AsSpan(0, rows * Dimension);
    }

    private Span<float> Writable(int row)
    {
        if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(row), row, $"There are {Count} rows.");
        return chunks[row / RowsPerChunk].AsSpan(row % RowsPerChunk * Dimension, Dimension);
    }
}
