using System.Globalization;

namespace Siamese.Model.Imaging;

/// <summary>What an upload's images are: ink on plain paper, or photographs.</summary>
public enum ImageKind
{
    /// <summary>Most pixels at the paper's tone, few mid-tones: handwriting, line drawings, signatures.</summary>
    Drawing,

    /// <summary>Anything else: faces, products, scenes.</summary>
    Photo,
}

/// <summary>Whether an upload's images carry colour.</summary>
public enum ImageColour
{
    /// <summary>The channels agree on nearly every pixel.</summary>
    Grey,

    Colour,
}

/// <summary>
/// What a sample of an upload's genuine images measured (<see cref="ImageProfiler"/>): the decisions, and the figures behind
/// them so they can be audited. Sizes are of the images as uploaded; the fractions are medians (paper, mid-tones) or means
/// (grey) over the sampled images, each measured on a copy no larger than <see cref="ImageProfiler.MeasureSide"/>.
/// </summary>
/// <param name="Sampled">Images measured.</param>
/// <param name="Wide">
/// A drawing whose median aspect is at least <see cref="ImageProfiler.MinWideAspect"/> (a scan, e.g. signatures).
/// </param>
/// <param name="DrawingShare">Sampled images that each look drawn (<see cref="ImageMeasure.LooksDrawn"/>).</param>
/// <param name="PaperFraction">Median fraction of an image's pixels at its paper tone.</param>
/// <param name="MidToneFraction">Median fraction of an image's pixels between paper and ink.</param>
/// <param name="GreyFraction">Mean fraction of an image's pixels whose channels agree.</param>
public sealed record ImageProfile(
    ImageKind Kind,
    ImageColour Colour,
    bool Wide,
    int Sampled,
    int MedianWidth,
    int MedianHeight,
    double MedianAspect,
    double DrawingShare,
    double PaperFraction,
    double MidToneFraction,
    double GreyFraction)
{
    /// <summary>E.g. "grey photos, median 320x243" or "wide grey drawings, median 1000x480".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{(Wide ? "wide " : "")}{(Colour == ImageColour.Grey ? "grey" : "colour")} " +
        $"{(Kind == ImageKind.Drawing ? "drawings" : "photos")}, median {MedianWidth}x{MedianHeight}");
}
