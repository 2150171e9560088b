using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Siamese.Model.Imaging;

/// <summary>The original's pair image: the two images of a pair stacked vertically (S x S each → S wide, 2S high).</summary>
public static class PairImage
{
    public static Image Concatenate(Image top, Image bottom)
    {
        if (top.Width != bottom.Width || top.Height != bottom.Height)
            throw new ArgumentException(
                $"Pair images must have one size; got {top.Width}x{top.Height} and {bottom.Width}x{bottom.Height}.");
        return (top, bottom) switch
        {
            (Image<L8> t, Image<L8> b) => Stack(t, b),
            (Image<Rgb24> t, Image<Rgb24> b) => Stack(t, b),
            _ => throw new ArgumentException("Pair images must share a pixel format (L8 or Rgb24); " +
                $"got {top.PixelType.BitsPerPixel} and {bottom.PixelType.BitsPerPixel} bits per pixel."),
        };
    }

    /// <summary>The inverse of <see cref="Concatenate"/>: the top and bottom halves.</summary>
    public static (Image Top, Image Bottom) Split(Image pair)
    {
        if (pair.Height % 2 != 0)
            throw new ArgumentException($"A pair image has an even height; got {pair.Width}x{pair.Height}.");
        int half = pair.Height / 2;
        return (pair.Clone(c => c.Crop(new Rectangle(0, 0, pair.Width, half))),
                pair.Clone(c => c.Crop(new Rectangle(0, half, pair.Width, half))));
    }

    private static Image<TPixel> Stack<TPixel>(Image<TPixel> top, Image<TPixel> bottom) where TPixel : unmanaged, IPixel<TPixel>
    {
        int width = top.Width;
        var pixels = new TPixel[width * (top.Height + bottom.Height)];
        top.CopyPixelDataTo(pixels.AsSpan(0, width * top.Height));
        bottom.CopyPixelDataTo(pixels.AsSpan(width * top.Height));
        return Image.LoadPixelData<TPixel>(pixels, width, top.Height + bottom.Height);
    }
}
