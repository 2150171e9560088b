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
