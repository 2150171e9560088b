using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace Siamese.Model.Imaging;

public static class ResamplerExtensions
{
    /// <summary>ImageSharp's resampler for <paramref name="resampler"/>; <see cref="Resampler.HalfPixelNearest"/> has none
    /// (it is applied by <see cref="HalfPixelNearest"/>).</summary>
    public static IResampler ToImageSharp(this Resampler resampler) => resampler switch
    {
        Resampler.Nearest => KnownResamplers.NearestNeighbor,
        Resampler.Area => KnownResamplers.Box,
        _ => throw new ArgumentOutOfRangeException(nameof(resampler), resampler,
            "HalfPixelNearest is not an ImageSharp resampler; resize with HalfPixelNearest.Resize."),
    };
}
