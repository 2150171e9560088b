using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Siamese.Model.Imaging;

/// <summary>
/// Measures what a sample of images (<see cref="ImageSample"/>) is: drawings or photos, grey or colour, and their median
/// size and aspect (<see cref="ImageProfile"/>). Each image is decoded and measured on a copy no larger than
/// <see cref="MeasureSide"/>: the decisions hold at that size and the cost stays small.
/// </summary>
public static class ImageProfiler
{
    /// <summary>Images measured at most (spread over the classes).</summary>
    public const int MaxSample = 200;

    /// <summary>Longest side of the copy measured; larger images are scaled down (area average).</summary>
    public const int MeasureSide = 128;

    // The figures below were measured with these values on 200 images of Omniglot's background sets 1 and 2 (105x105 PNG),
    // 200 genuine signatures of SVC2004 writers 1-20 (JPEG, median 1030x523) and the 164 Yale faces (320x243 GIF).

    /// <summary>
    /// A pixel is at the paper's tone within this many luma levels of the border's mean (<see cref="PaperTone"/>). At 48 the
    /// Yale faces' even backgrounds count as paper (median 0.65 of their pixels); at 32 they do not (0.09), while SVC2004's
    /// scans keep 0.93.
    /// </summary>
    public const int PaperTolerance = 32;

    /// <summary>A pixel this many luma levels or more from the paper is ink; between the two it is a mid-tone.</summary>
    public const int InkContrast = 96;

    /// <summary>
    /// An image looks drawn when at least this fraction of its pixels is at the paper tone: Omniglot 0.85-0.98, SVC2004
    /// 0.81-0.96; Yale faces median 0.09, 90 % of them below 0.14.
    /// </summary>
    public const double MinPaperFraction = 0.6;

    /// <summary>
    /// ...and at most this fraction is mid-tones: Omniglot 0, SVC2004 (scaled to 128 px) 0.016-0.066; Yale faces median
    /// 0.63, 90 % of them above 0.51.
    /// </summary>
    public const double MaxMidToneFraction = 0.2;

    /// <summary>
    /// The upload is drawings when this share of its sampled images looks drawn or more (Omniglot, SVC2004 1.0; Yale 0.024).
    /// </summary>
    public const double MinDrawingShare = 0.5;

    /// <summary>
    /// A pixel is grey when its channels differ by at most this many levels (room for JPEG's chroma noise; the three real
    /// sets are exactly grey).
    /// </summary>
    public const int ChannelTolerance = 12;

    /// <summary>Images are grey when on average this fraction of their pixels or more is grey (Omniglot, SVC2004, Yale: 1.000).</summary>
    public const double MinGreyFraction = 0.98;

    /// <summary>
    /// A drawing whose median aspect is this or more is a wide scan: SVC2004 1.97 (its images range 0.80-7.1), Omniglot 1.0
    /// (and Yale's photos 1.32).
    /// </summary>
    public const double MinWideAspect = 1.6;

    /// <summary>Measures every image (in parallel) and decides.</summary>
    public static ImageProfile Measure(
        IReadOnlyList<(string Name, byte[] Bytes)> images,
        long maxPixels,
        CancellationToken cancellationToken)
    {
        var measures = new ImageMeasure[images.Count];
        ParallelWork.For(images.Count, cancellationToken, i => measures[i] = MeasureOne(images[i].Bytes, images[i].Name, maxPixels));
        return Decide(measures);
    }

    /// <summary>The profile of images measured one by one.</summary>
    public static ImageProfile Decide(IReadOnlyList<ImageMeasure> measures)
    {
        if (measures.Count == 0) throw new ArgumentException("There is no image to measure.", nameof(measures));
        double drawingShare = (double)measures.Count(m => m.LooksDrawn) / measures.Count;
        ImageKind kind = drawingShare >= MinDrawingShare ? ImageKind.Drawing : ImageKind.Photo;
        double grey = measures.Average(m => m.Grey);
        double aspect = Median(measures.Select(m => (double)m.Width / m.Height));
        return new ImageProfile(
            kind,
            grey >= MinGreyFraction ? ImageColour.Grey : ImageColour.Colour,
            kind == ImageKind.Drawing && aspect >= MinWideAspect,
            measures.Count,
            (int)Math.Round(Median(measures.Select(m => (double)m.Width))),
            (int)Math.Round(Median(measures.Select(m => (double)m.Height))),
            Math.Round(aspect, 3),
            Math.Round(drawingShare, 3),
            Math.Round(Median(measures.Select(m => m.Paper)), 3),
            Math.Round(Median(measures.Select(m => m.MidTones)), 3),
            Math.Round(grey, 3));
    }

    /// <summary>One image's size and fractions, measured on a copy no larger than <see cref="MeasureSide"/>.</summary>
    public static ImageMeasure MeasureOne(byte[] data, string name, long maxPixels = ImageDecoder.DefaultMaxPixels)
    {
        using var image = (Image<Rgb24>)ImageDecoder.Decode(data, name, ColorMode.Rgb, maxPixels);
        int width = image.Width, height = image.Height;
        if (Math.Max(width, height) > MeasureSide)
        {
            double scale = (double)MeasureSide / Math.Max(width, height);
            image.Mutate(c => c.Resize(
                Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)), KnownResamplers.Box));
        }

        double paper = PaperTone.Luminance(PaperTone.Colour(image)) * 255;
        long atPaper = 0, midTones = 0, grey = 0;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
                foreach (Rgb24 pixel in rows.GetRowSpan(y))
                {
                    double distance = Math.Abs(PaperTone.Luminance(new Rgba32(pixel.R, pixel.G, pixel.B)) * 255 - paper);
                    if (distance <= PaperTolerance) atPaper++;
                    else if (distance < InkContrast) midTones++;
                    int spread = Math.Max(pixel.R, Math.Max(pixel.G, pixel.B)) - Math.Min(pixel.R, Math.Min(pixel.G, pixel.B));
                    if (spread <= ChannelTolerance) grey++;
                }
        });
        double pixels = (double)image.Width * image.Height;
        return new ImageMeasure(width, height, atPaper / pixels, midTones / pixels, grey / pixels);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>One image as <see cref="ImageProfiler"/> measured it: its size as uploaded and the fractions of its pixels.</summary>
/// <param name="Paper">Pixels at the paper's tone.</param>
/// <param name="MidTones">Pixels between paper and ink.</param>
/// <param name="Grey">Pixels whose channels agree.</param>
public readonly record struct ImageMeasure(int Width, int Height, double Paper, double MidTones, double Grey)
{
    /// <summary>Ink on plain paper: mostly paper, few mid-tones.</summary>
    public bool LooksDrawn => Paper >= ImageProfiler.MinPaperFraction && MidTones <= ImageProfiler.MaxMidToneFraction;
}
