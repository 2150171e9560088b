using System.ComponentModel.DataAnnotations;
using Siamese.Model.Evaluation;
using Siamese.Model.Imaging;
using Siamese.Serving.Provider;

namespace Siamese.Serving;

/// <summary>The compare API's limits and behaviour (section "Serving").</summary>
public sealed class ServingOptions
{
    /// <summary>Similarity at or above which two images count as the same (isSame).</summary>
    [Range(0.0, 1.0)] public double Threshold { get; set; } = SimilarityScale.DefaultSameThreshold;

    /// <summary>Largest request body; more is refused with 413.</summary>
    [Range(1, long.MaxValue)] public long MaxRequestBytes { get; set; } = 16L << 20;

    /// <summary>
    /// Largest zip an upload through the API (POST /api/uploads) may be; larger ones go straight to raw/ (siamese upload).
    /// Azure Functions refuses HTTP request bodies over 100 MB before they reach the app.
    /// </summary>
    [Range(1, long.MaxValue)] public long MaxUploadBytes { get; set; } = 100_000_000;

    /// <summary>
    /// Largest image (width x height); a decompression bomb is refused from its header. Lower than what training and
    /// preparation accept (<see cref="ImageDecoder.DefaultMaxPixels"/>): every request decodes its images whole and at
    /// once, so this cap times the HTTP concurrency bounds an instance's image memory (docs/benchmarks.md, Serving memory).
    /// </summary>
    [Range(1, long.MaxValue)] public long MaxImagePixels { get; set; } = 16_000_000;

    [Range(1, 10_000)] public int MaxPairsPerBatch { get; set; } = 64;

    /// <summary>Pairs per forward pass within a batch request.</summary>
    [Range(1, 10_000)] public int InferenceBatchSize { get; set; } = 32;

    [Range(1, 1000)] public int DefaultTopK { get; set; } = 5;

    /// <summary>Seconds between checks of a model name's served pointer for a newer model.</summary>
    [Range(0.0, 3600.0)] public double ReloadIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// Model names that keep their model loaded at once; beyond it the least recently used one is unloaded (and loaded
    /// again when next asked for), so an instance's memory does not grow with the number of names.
    /// </summary>
    [Range(1, 1000)] public int MaxLoadedModels { get; set; } = 4;

    /// <summary>
    /// When to load the served model and run one forward pass ahead of the requests (<see cref="ModelWarmUp"/>): at the
    /// instance's first HTTP request (the default), as the host starts, or never.
    /// </summary>
    public ModelWarmUpMode WarmUp { get; set; } = ModelWarmUpMode.FirstHttpRequest;

    /// <summary>
    /// The number format served models compute in: Auto (bfloat16 where the CPU has AMX or AVX-512-BF16 and it measures
    /// faster, float32 elsewhere), Float32 or BFloat16 (<see cref="PrecisionChoice"/>).
    /// </summary>
    public InferencePrecision Precision { get; set; } = InferencePrecision.Auto;

    /// <summary>Embeddings kept in memory, keyed by model and image content hash.</summary>
    [Range(0, 10_000_000)] public int EmbeddingCacheEntries { get; set; } = 20_000;
}
