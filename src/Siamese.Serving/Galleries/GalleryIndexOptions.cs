using System.ComponentModel.DataAnnotations;

namespace Siamese.Serving.Galleries;

/// <summary>How a gallery's embeddings are held and scanned (section "Galleries:Index").</summary>
public sealed class GalleryIndexOptions
{
    public const string Section = "Galleries:Index";

    /// <summary>Rows per chunk of the embedding store, and the unit of work a scanning worker takes (4,096 rows of 128
    /// values are 2 MiB).</summary>
    [Range(64, 1 << 20)] public int RowsPerChunk { get; set; } = 4096;

    /// <summary>Threads that scan one query (0: one per core).</summary>
    [Range(0, 1024)] public int ScanWorkers { get; set; }
}
