using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace Siamese.Model.Imaging;

/// <summary>
/// Conversion between images and network input. Pixels are kept as planar (channel, row, column) bytes, which is
/// compact and lossless; batches become float tensors in [0, 1] of shape [B, C, H, W].
/// </summary>
public static class ImageTensors
{
    public static byte[] ToPlanarBytes(Image image) => image switch
    {
        Image<L8> gray => GrayBytes(gray),
        Image<Rgb24> rgb => RgbPlanarBytes(rgb),
        _ => throw new ArgumentException($"Expected an L8 or Rgb24 image, got {image.PixelType.BitsPerPixel} bits per pixel."),
    };

    /// <summary>Stacks same-sized planar images into a float batch [B, C, H, W] scaled to [0, 1].</summary>
    public static Tensor ToBatch(IReadOnlyList<byte[]> planarImages, int channels, int height, int width)
    {
        int size = channels * height * width;
        var all = new byte[planarImages.Count * size];
        for (int i = 0; i < planarImages.Count; i++)
        {
            if (planarImages[i].Length != size)
                throw new ArgumentException(
                    $"Image {i} has {planarImages[i].Length} bytes; expected {channels}x{height}x{width} = {size}.");
            planarImages[i].CopyTo(all, i * size);
        }
        using Tensor bytes = tensor(all, [planarImages.Count, channels, height, width]);
        return bytes.to_type(ScalarType.Float32).div_(255f);
    }

    /// <summary>One image as a batch of one, [1, C, H, W].</summary>
    public static Tensor ToBatch(Image image) =>
        ToBatch([ToPlanarBytes(image)], image is Image<L8> ? 1 : 3, image.Height, image.Width);

    /// <summary>The inverse of <see cref="ToPlanarBytes"/>.</summary>
    public static Image FromPlanarBytes(byte[] planar, int channels, int height, int width)
    {
        int plane = height * width;
        if (channels == 1)
            return Image.LoadPixelData<L8>(planar.AsSpan(0, plane), width, height);

        var pixels = new Rgb24[plane];
        for (int i = 0; i < plane; i++)
            pixels[i] = new Rgb24(planar[i], planar[plane + i], planar[2 * plane + i]);
        return Image.LoadPixelData<Rgb24>(pixels, width, height);
    }

    private static byte[] GrayBytes(Image<L8> image)
    {
        var bytes = new byte[image.Width * image.Height];
        image.CopyPixelDataTo(bytes);
        return bytes;
    }

    private static byte[] RgbPlanarBytes(Image<Rgb24> image)
    {
        int plane = image.Width * image.Height;
        var pixels = new Rgb24[plane];
        image.CopyPixelDataTo(pixels);
        var bytes = new byte[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            bytes[i] = pixels[i].R;
            bytes[plane + i] = pixels[i].G;
            bytes[2 * plane + i] = pixels[i].B;
        }
        return bytes;
    }
}
