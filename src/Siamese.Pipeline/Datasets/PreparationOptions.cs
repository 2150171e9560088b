using System.ComponentModel.DataAnnotations;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Pipeline.Recipes;

namespace Siamese.Pipeline.Datasets;

/// <summary>
/// How uploads become pair datasets (section "Preparation"); pair and jitter defaults are the original's. Which pairs, their
/// seed and the JPEG step come from the upload's recipe (<see cref="Siamese.Model.Data.PairPlan"/>).
/// </summary>
public sealed class PreparationOptions
{
    /// <summary>Classes per chunk: each chunk is one queue message, one parallel invocation and one shard.</summary>
    [Range(1, 100_000)] public int ClassesPerChunk { get; set; } = 16;

    [Range(8, 1024)] public int ImageSize { get; set; } = 32;

    public ColorMode ColorMode { get; set; } = ColorMode.Rgb;

    /// <summary>Positive and negative pairs per class (section "Preparation:Pairs").</summary>
    public PairSamplingOptions Pairs { get; set; } = new();

    /// <summary>The jitter of each pair (section "Preparation:Jitter").</summary>
    public JitterOptions Jitter { get; set; } = new();

    public UploadLimits Limits { get; set; } = new();

    /// <summary>Longest side of the class images a dataset keeps; larger images are scaled down (aspect kept).</summary>
    [Range(16, 8192)] public int StoredImageMaxSide { get; set; } = StoredImageSize.DefaultMaxSide;

    /// <summary>
    /// The recipe an upload trains when it does not choose one; null (not set): the one its images call for
    /// (<see cref="RecipeChooser.ForImages"/>). Values under "Preparation:RecipeOverrides" (keys such as Training:Epochs)
    /// apply to every upload, beneath what the upload itself sets (see <see cref="RecipeChooser"/>).
    /// </summary>
    public string? Recipe { get; set; }
}

/// <summary>What an upload may be. Anything beyond fails the dataset with a specific reason.</summary>
public sealed class UploadLimits
{
    [Range(1, long.MaxValue)] public long MaxZipBytes { get; set; } = 1L << 30;                 // 1 GiB

    [Range(1, long.MaxValue)] public long MaxUncompressedBytes { get; set; } = 4L << 30;        // 4 GiB

    [Range(1, int.MaxValue)] public int MaxEntries { get; set; } = 200_000;

    /// <summary>Uncompressed/compressed size of any one entry; zip bombs reach thousands, images stay near 1.</summary>
    [Range(1.0, 1e9)] public double MaxCompressionRatio { get; set; } = 100;

    [Range(1, long.MaxValue)] public long MaxImagePixels { get; set; } = ImageDecoder.DefaultMaxPixels;
}
