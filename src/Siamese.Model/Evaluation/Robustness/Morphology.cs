using Siamese.Model.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Model.Evaluation.Robustness;

/// <summary>
/// Thicker and thinner strokes: a 3x3 dilation of the ink (or of the paper, which thins the ink). Which is ink is read
/// from the background: on light paper the ink is what is darker, so ink spreads by taking each neighbourhood's minimum.
/// </summary>
internal static class Morphology
{
    /// <summary>Spreads the ink (<paramref name="ink"/> true: thicker strokes) or the paper (thinner strokes) by one pixel.</summary>
    public static void Spread(Image<Rgba32> image, bool ink)
    {
        bool lightPaper = !PaperTone.IsDark(image);
        bool takeMinimum = lightPaper == ink; // on light paper, spreading the ink spreads the dark
        int width = image.Width, height = image.Height;
        var source = new Rgba32[width * height];
        image.CopyPixelDataTo(source);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < height; y++)
            {
                Span<Rgba32> row = rows.GetRowSpan(y);
                for (int x = 0; x < width; x++)
                {
                    Rgba32 chosen = source[y * width + x];
                    double chosenLuminance = PaperTone.Luminance(chosen);
                    for (int ny = Math.Max(0, y - 1); ny <= Math.Min(height - 1, y + 1); ny++)
                    for (int nx = Math.Max(0, x - 1); nx <= Math.Min(width - 1, x + 1); nx++)
                    {
                        Rgba32 other = source[ny * width + nx];
                        double luminance = PaperTone.Luminance(other);
                        if (takeMinimum ? luminance < chosenLuminance : luminance > chosenLuminance)
                            (chosen, chosenLuminance) = (other, luminance);
                    }
                    row[x] = chosen;
                }
            }
        });
    }
}
