using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace Siamese.Model.Imaging;

/// <summary>How images are resized.</summary>
public enum Resampler
{
    /// <summary>
    /// ImageSharp's nearest neighbour: source index floor(x * in / out). Not the original's rule; kept so that every
    /// checkpoint that recorded it (and every checkpoint from before the field existed) preprocesses as it was trained.
    /// </summary>
    Nearest,

    /// <summary>Averages the pixels each output pixel covers, which keeps thin strokes (Omniglot's 105 px characters at
    /// 32 px) from breaking up or vanishing.</summary>
    Area,

    /// <summary>
    /// The original's: TF2's tf.image.resize(..., 'nearest') samples at half-pixel centres, source index
    /// min(floor((x + 0.5) * in / out), in - 1) (see <see cref="HalfPixelNearest"/>).
    /// </summary>
    HalfPixelNearest,
}

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
