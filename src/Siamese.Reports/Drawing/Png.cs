using SkiaSharp;

namespace Siamese.Reports.Drawing;

/// <summary>PNG encoding of pictures, and data URIs for embedding them in a self-contained HTML page.</summary>
public static class Png
{
    public const string ContentType = "image/png";

    public static byte[] Encode(SKBitmap bitmap)
    {
        using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static string DataUri(byte[] png) => $"data:{ContentType};base64,{Convert.ToBase64String(png)}";

    /// <summary>Pictures stacked top to bottom on a white background, each centred.</summary>
    public static byte[] Stack(IReadOnlyList<byte[]> pictures)
    {
        var bitmaps = pictures.Select(SKBitmap.Decode).ToList();
        try
        {
            using var result = new SKBitmap(bitmaps.Max(b => b.Width), bitmaps.Sum(b => b.Height));
            using var canvas = new SKCanvas(result);
            canvas.Clear(SKColors.White);
            int y = 0;
            foreach (SKBitmap bitmap in bitmaps)
            {
                canvas.DrawBitmap(bitmap, (result.Width - bitmap.Width) / 2f, y);
                y += bitmap.Height;
            }
            return Encode(result);
        }
        finally
        {
            bitmaps.ForEach(b => b.Dispose());
        }
    }
}
