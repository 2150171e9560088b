using System.Text.RegularExpressions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Siamese.Testing;

/// <summary>
/// Checks on the pictures the trainer makes, decoded with ImageSharp (not SkiaSharp, which drew them): a real PNG of the
/// expected size that is not blank.
/// </summary>
public static partial class PictureAssert
{
    /// <summary>Variance of the luminance (0-255) below which a picture counts as blank.</summary>
    private const double MinimumVariance = 50;

    public static void IsPicture(byte[] png, int width, int height, string what)
    {
        Assert.True(png.Length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', $"{what} is not a PNG");
        using Image<L8> image = Image.Load<L8>(png);
        Assert.True(image.Width == width && image.Height == height, $"{what} is {image.Width}x{image.Height}, expected {width}x{height}");
        double variance = Variance(image, 0, image.Height);
        Assert.True(variance > MinimumVariance, $"{what} looks blank: luminance variance {variance:F1}");
    }

    /// <summary>Whether the band of rows [top, bottom) has anything drawn in it (text, for example).</summary>
    public static double BandVariance(byte[] png, int top, int bottom)
    {
        using Image<L8> image = Image.Load<L8>(png);
        return Variance(image, top, bottom);
    }

    /// <summary>The images of an HTML page (data URIs) with the size each img tag states.</summary>
    public static IReadOnlyList<(byte[] Png, int Width, int Height, string Alt)> EmbeddedImages(string html) =>
        ImageTag().Matches(html)
            .Select(m => (Convert.FromBase64String(m.Groups["data"].Value), int.Parse(m.Groups["w"].Value), int.Parse(m.Groups["h"].Value),
                m.Groups["alt"].Value))
            .ToList();

    /// <summary>A self-contained page: no scripts, no style sheets or images fetched from anywhere.</summary>
    public static void IsSelfContained(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(src|href)=""(?!data:|#)", html);
        Assert.Equal(Regex.Matches(html, "<img ").Count, EmbeddedImages(html).Count);
    }

    private static double Variance(Image<L8> image, int top, int bottom)
    {
        double sum = 0, squares = 0;
        long count = 0;
        image.ProcessPixelRows(rows =>
        {
            for (int y = top; y < bottom; y++)
                foreach (L8 pixel in rows.GetRowSpan(y))
                {
                    sum += pixel.PackedValue;
                    squares += (double)pixel.PackedValue * pixel.PackedValue;
                    count++;
                }
        });
        double mean = sum / count;
        return squares / count - mean * mean;
    }

    [GeneratedRegex(@"<img src=""data:image/png;base64,(?<data>[A-Za-z0-9+/=]+)"" alt=""(?<alt>[^""]*)"" " +
                    @"width=""(?<w>\d+)"" height=""(?<h>\d+)"">")]
    private static partial Regex ImageTag();
}
