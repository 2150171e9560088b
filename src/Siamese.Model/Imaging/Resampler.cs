using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace Siamese.Model.Imaging;

/// <summary>How images are resized. Nearest is the original's; Area averages the pixels each output pixel covers,
/// which keeps thin strokes (Omniglot's 105 px characters at 32 px) from breaking up or vanishing.</summary>
public enum Resampler
{
    Nearest,
    Area,
}

public static class ResamplerExtensions
{
    public static IResampler ToImageSharp(this Resampler resampler) =>
        resampler == Resampler.Area ? KnownResamplers.Box : KnownResamplers.NearestNeighbor;
}
