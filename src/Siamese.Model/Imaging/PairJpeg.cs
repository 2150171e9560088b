using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Model.Imaging;

/// <summary>
/// The original saved every pair picture with OpenCV's <c>cv2.imwrite(…, '.jpg')</c> and trained on the decoded JPEG: libjpeg at
/// quality 95 (OpenCV's default), baseline, colour as YCbCr with 4:2:0 chroma. This puts a pair picture through the same
/// encoding (the same quantisation tables, IJG's scaling of the standard ones, and sampling) and back.
/// </summary>
public static class PairJpeg
{
    /// <summary>OpenCV's default quality, the original's.</summary>
    public const int OriginalQuality = 95;

    /// <summary>The encoder for <paramref name="quality"/>: grey pictures as one luminance channel, colour ones as YCbCr 4:2:0.</summary>
    public static JpegEncoder Encoder(int quality, bool grey) => new()
    {
        Quality = quality,
        ColorType = grey ? JpegColorType.Luminance : JpegColorType.YCbCrRatio420,
    };

    /// <summary>The JPEG bytes of <paramref name="picture"/> at <paramref name="quality"/>.</summary>
    public static byte[] Encode(Image picture, int quality)
    {
        using var stream = new MemoryStream();
        picture.SaveAsJpeg(stream, Encoder(quality, picture is Image<L8>));
        return stream.ToArray();
    }

    /// <summary><paramref name="picture"/> as it reads back after <see cref="Encode"/>, in its own pixel format.</summary>
    public static Image RoundTrip(Image picture, int quality)
    {
        byte[] jpeg = Encode(picture, quality);
        return picture is Image<L8> ? Image.Load<L8>(jpeg) : Image.Load<Rgb24>(jpeg);
    }
}
