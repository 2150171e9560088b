using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Bench;

/// <summary>
/// Photo-like test images of a given size: smooth colour gradients and soft shapes with a little fine texture (sensor
/// grain), 4:3, encoded as a camera would (baseline JPEG, quality 85, 4:2:0) or as lossless PNG. The decoder has to
/// decode every pixel of either; the content only sets the file size.
/// </summary>
internal static class PhotoImages
{
    public static (int Width, int Height) Size(double megapixels)
    {
        int height = (int)Math.Round(Math.Sqrt(megapixels * 1e6 * 3 / 4));
        return ((int)Math.Round(height * 4.0 / 3), height);
    }

    /// <summary>The encoded image, made once per size and format and kept in <paramref name="folder"/>.</summary>
    public static string File(string folder, double megapixels, string format)
    {
        string path = Path.Combine(folder, $"photo-{megapixels:0.##}mp.{format}");
        if (System.IO.File.Exists(path)) return path;
        var (width, height) = Size(megapixels);
        using Image<Rgb24> image = Draw(width, height);
        string partial = path + ".partial";
        if (format == "png") image.SaveAsPng(partial, new PngEncoder());
        else image.SaveAsJpeg(partial, new JpegEncoder { Quality = 85, ColorType = JpegColorType.YCbCrRatio420 });
        System.IO.File.Move(partial, path, overwrite: true);
        return path;
    }

    private static Image<Rgb24> Draw(int width, int height)
    {
        // Separable smooth fields (sky-to-ground gradient, soft bands) plus a hashed grain of a few levels.
        var across = new double[width];
        for (int x = 0; x < width; x++) across[x] = Math.Sin(x * 6.0 / width) * 40 + Math.Sin(x * 37.0 / width) * 12;
        var down = new double[height];
        for (int y = 0; y < height; y++) down[y] = Math.Cos(y * 5.0 / height) * 35 + y * 90.0 / height;

        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < width; x++)
                {
                    int grain = (int)((uint)((x * 73856093) ^ (y * 19349663)) % 13) - 6;
                    double light = 110 + across[x] + down[y];
                    row[x] = new Rgb24(Byte(light + grain), Byte(light * 0.8 + across[x] * 0.5 + grain), Byte(200 - down[y] + grain));
                }
            }
        });
        return image;
    }

    private static byte Byte(double value) => (byte)Math.Clamp(value, 0, 255);
}
