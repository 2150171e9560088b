using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Model.Imaging;

/// <summary>Decodes any format ImageSharp reads (PNG, JPEG, BMP, GIF, WebP, TIFF, TGA, PBM) to grayscale or RGB.</summary>
public static class ImageDecoder
{
    /// <summary>A 105x105 Omniglot character is 11,025 pixels; 40 megapixels is a large photo. Beyond: refused.</summary>
    public const long DefaultMaxPixels = 40_000_000;

    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff", ".tga", ".pbm",
    };

    /// <summary>Bytes enough for every format's signature (the longest, TGA's, is 18).</summary>
    public const int SignatureBytes = 1024;

    public static bool HasImageExtension(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>
    /// Whether a file is in a format ImageSharp reads, by its first bytes (<see cref="SignatureBytes"/> are enough): for files
    /// whose extension does not say, e.g. the Yale faces' "subject01.glasses" (a GIF).
    /// </summary>
    public static bool HasImageSignature(ReadOnlySpan<byte> start) => Image.DetectFormat(start) is not null;

    /// <summary>
    /// Decodes <paramref name="data"/>; <paramref name="name"/> names it in errors. The header is read first, so a
    /// small file that claims billions of pixels (a decompression bomb) is refused before any pixel is allocated.
    /// </summary>
    public static Image Decode(byte[] data, string name, ColorMode mode, long maxPixels = DefaultMaxPixels) =>
        Load<Image>(data, name, maxPixels, () => mode == ColorMode.Grayscale ? Image.Load<L8>(data) : Image.Load<Rgb24>(data));

    /// <summary>As <see cref="Decode"/>, keeping every channel (RGBA), e.g. to store the image losslessly.</summary>
    public static Image<Rgba32> DecodeRgba(byte[] data, string name, long maxPixels = DefaultMaxPixels) =>
        Load(data, name, maxPixels, () => Image.Load<Rgba32>(data));

    private static T Load<T>(byte[] data, string name, long maxPixels, Func<T> load) where T : Image
    {
        try
        {
            IImageInfo? info = Image.Identify(data);
            if (info is null)
                throw new InvalidInputException("image.unknown-format",
                    $"'{name}' is not an image in a format this product reads (PNG, JPEG, BMP, GIF, WebP, TIFF, TGA, PBM).");
            if ((long)info.Width * info.Height > maxPixels)
                throw new InvalidInputException("image.too-many-pixels",
                    $"'{name}' is {info.Width}x{info.Height} pixels; the limit is {maxPixels:N0} pixels.");

            return load();
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or ImageFormatException
                                       or NotSupportedException or EndOfStreamException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidInputException("image.corrupt", $"'{name}' cannot be decoded as an image ({ex.Message.TrimEnd('.')}).", ex);
        }
    }
}
