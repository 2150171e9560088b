using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Siamese.Model.Imaging;

/// <summary>
/// An uploaded image as a prepared dataset keeps it: decoded once (so a dataset never holds a file that cannot be
/// read), no larger than a bound, and stored losslessly as PNG: 8-bit gray when every pixel is an opaque gray (Omniglot's
/// strokes), RGBA otherwise. Decoding the stored PNG gives the pixels decoding the original gives.
/// </summary>
public static class StoredImage
{
    private static readonly PngEncoder Gray = new()
    {
        ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8, CompressionLevel = PngCompressionLevel.BestCompression,
    };

    private static readonly PngEncoder Color = new()
    {
        ColorType = PngColorType.RgbWithAlpha, BitDepth = PngBitDepth.Bit8, CompressionLevel = PngCompressionLevel.BestCompression,
    };

    public static byte[] Encode(byte[] original, string name, int maxSide = StoredImageSize.DefaultMaxSide,
        long maxPixels = ImageDecoder.DefaultMaxPixels)
    {
        using Image<Rgba32> image = ImageDecoder.DecodeRgba(original, name, maxPixels);
        if (Math.Max(image.Width, image.Height) > maxSide)
        {
            double scale = (double)maxSide / Math.Max(image.Width, image.Height);
            int width = Math.Max(1, (int)Math.Round(image.Width * scale)), height = Math.Max(1, (int)Math.Round(image.Height * scale));
            image.Mutate(c => c.Resize(width, height, KnownResamplers.Box));
        }

        using var output = new MemoryStream();
        if (IsOpaqueGray(image))
        {
            using var gray = new Image<L8>(image.Width, image.Height);
            image.ProcessPixelRows(gray, (source, target) =>
            {
                for (int y = 0; y < source.Height; y++)
                {
                    Span<Rgba32> from = source.GetRowSpan(y);
                    Span<L8> to = target.GetRowSpan(y);
                    for (int x = 0; x < from.Length; x++) to[x] = new L8(from[x].R);
                }
            });
            gray.Save(output, Gray);
        }
        else
            image.Save(output, Color);
        return output.ToArray();
    }

    private static bool IsOpaqueGray(Image<Rgba32> image)
    {
        bool gray = true;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height && gray; y++)
                foreach (Rgba32 pixel in rows.GetRowSpan(y))
                    if (pixel.A != 255 || pixel.R != pixel.G || pixel.G != pixel.B) { gray = false; break; }
        });
        return gray;
    }
}
