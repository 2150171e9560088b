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
}
