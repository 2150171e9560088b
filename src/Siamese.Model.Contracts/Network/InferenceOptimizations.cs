namespace Siamese.Model.Network;

/// <summary>What <see cref="SiameseNetwork.OptimizeForInference"/> changes; all of it by default (the benchmark times each).</summary>
[Flags]
public enum InferenceOptimizations
{
    None = 0,

    /// <summary>Each BatchNorm folded into the convolution before it.</summary>
    FoldBatchNorm = 1,

    /// <summary>Kernels and inputs in the channels-last (NHWC) layout.</summary>
    ChannelsLast = 2,

    /// <summary>The 3x3 convolutions of a pair's smallest maps (the last stage's 4x4) computed as matrix products.</summary>
    SmallMapsAsMatrixProducts = 4,

    All = FoldBatchNorm | ChannelsLast | SmallMapsAsMatrixProducts,

    /// <summary>
    /// The backbone's layers before its embedding in bfloat16, for CPUs with a fast path for it (AMX, AVX-512-BF16): images
    /// go in and embeddings come out as float32, so caches, galleries and the head see float32. Not part of <see cref="All"/>:
    /// serving decides it per machine (Siamese.Model's BFloat16Trial).
    /// </summary>
    BFloat16 = 8,
}
