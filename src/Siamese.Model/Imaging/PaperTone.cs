using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Model.Imaging;

/// <summary>The paper a drawing is on: the mean colour of the image's border pixels, and whether it is dark.</summary>
public static class PaperTone
{
    public static bool IsDark(Image image) => Luminance(Colour(image)) < 0.5;

    public static Rgba32 Colour(Image image)
    {
        using Image<Rgba32> rgba = image.CloneAs<Rgba32>();
        double r = 0, g = 0, b = 0;
        int count = 0;
        rgba.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgba32> row = rows.GetRowSpan(y);
                bool edgeRow = y == 0 || y == rows.Height - 1;
                for (int x = 0; x < row.Length; x += edgeRow || row.Length == 1 ? 1 : row.Length - 1)
                    (r, g, b, count) = (r + row[x].R, g + row[x].G, b + row[x].B, count + 1);
            }
        });
        return new Rgba32((byte)Math.Round(r / count), (byte)Math.Round(g / count), (byte)Math.Round(b / count));
    }

    /// <summary>Luma (ITU-R BT.601 weights) in [0, 1].</summary>
    public static double Luminance(Rgba32 pixel) => (0.299 * pixel.R + 0.587 * pixel.G + 0.114 * pixel.B) / 255;
}
