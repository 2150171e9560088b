using System.ComponentModel.DataAnnotations;

namespace Siamese.Serving.Galleries;

/// <summary>How gallery logs are written and read (section "Galleries:Log").</summary>
public sealed class GalleryLogOptions
{
    public const string Section = "Galleries:Log";

    /// <summary>Azure's limit of blocks in one append blob (Azurite enforces it too).</summary>
    public const int AppendBlobBlockLimit = 50_000;

    /// <summary>Azure's (and this log's) largest append block.</summary>
    public const int AppendBlockLimitBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Blocks after which a writer seals a segment and starts the next. Azure refuses the 50,001st block anyway (a writer
    /// that meets that refusal rolls over the same way); a lower value makes roll-over testable.
    /// </summary>
    [Range(1, AppendBlobBlockLimit)] public int MaxBlocksPerSegment { get; set; } = AppendBlobBlockLimit;

    /// <summary>Largest append block; a batch of changes beyond it is split between whole records.</summary>
    [Range(64 * 1024, AppendBlockLimitBytes)] public int MaxBlockBytes { get; set; } = AppendBlockLimitBytes;

    /// <summary>Bytes per ranged download when a log is read, which bounds a reader's buffer. A range that Azurite fails
    /// (it opens a file per block) is read again in 256 KiB ranges, and so are the reader's later ones.</summary>
    [Range(64 * 1024, 256 * 1024 * 1024)] public int ReadRangeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Blobs deleted at once when a gallery is deleted.</summary>
    [Range(1, 256)] public int DeleteConcurrency { get; set; } = 16;
}
