using Siamese.Reports.Fonts;
using SkiaSharp;

namespace Siamese.Reports.Drawing;

/// <summary>Small pictures of images: network inputs (planar bytes) or image files, drawn fitted into a box.</summary>
public static class Thumbnails
{
    /// <summary>A network input (planar bytes, C x S x S, 1 or 3 channels) as a bitmap.</summary>
    public static SKBitmap FromPlanar(byte[] planar, int channels, int size)
    {
        int plane = size * size;
        var pixels = new SKColor[plane];
        for (int i = 0; i < plane; i++)
        {
            byte r = planar[i], g = channels == 3 ? planar[plane + i] : r, b = channels == 3 ? planar[2 * plane + i] : r;
            pixels[i] = new SKColor(r, g, b);
        }
        return new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque) { Pixels = pixels };
    }

    /// <summary>An image file for display, or null when SkiaSharp cannot decode it.</summary>
    public static SKBitmap? Decode(byte[] encoded) => SKBitmap.Decode(encoded);

    /// <summary>
    /// Draws <paramref name="bitmap"/> as large as fits in <paramref name="box"/>, centred, keeping its shape; a grey "?" for none.
    /// </summary>
    public static void DrawFitted(SKCanvas canvas, SKBitmap? bitmap, SKRect box)
    {
        using var frame = new SKPaint { Color = new SKColor(0xDD, 0xDD, 0xDD), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        if (bitmap is null)
        {
            using var font = ReportFonts.Font(box.Height / 3);
            using var grey = new SKPaint { Color = SKColors.Gray, IsAntialias = true };
            canvas.DrawText("?", box.MidX, box.MidY + font.Size / 3, SKTextAlign.Center, font, grey);
            canvas.DrawRect(box, frame);
            return;
        }
        float scale = Math.Min(box.Width / bitmap.Width, box.Height / bitmap.Height);
        float width = bitmap.Width * scale, height = bitmap.Height * scale;
        var target = SKRect.Create(box.MidX - width / 2, box.MidY - height / 2, width, height);
        using var image = SKImage.FromBitmap(bitmap);
        // Upscaled small inputs stay crisp (they are what the network saw); downscaled photos are smoothed.
        var sampling = scale >= 1
            ? new SKSamplingOptions(SKFilterMode.Nearest)
            : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        canvas.DrawImage(image, target, sampling);
        canvas.DrawRect(box, frame);
    }
}
