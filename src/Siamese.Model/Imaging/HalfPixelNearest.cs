using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Siamese.Model.Imaging;

/// <summary>
/// TF2's nearest-neighbour resize (tf.image.resize(..., 'nearest'), i.e. ResizeNearestNeighbor with half_pixel_centers):
/// output pixel x takes source pixel min(floor((x + 0.5f) * scale), in - 1) with scale = (float)in / out, in single
/// precision as TensorFlow computes it. Nearest resizes, crops and flips only pick pixels, so a chain of them is one
/// gather of source rows and columns (<see cref="Gather"/>).
/// </summary>
public static class HalfPixelNearest
{
    /// <summary>The source index each of the <paramref name="output"/> pixels takes from <paramref name="input"/> pixels.</summary>
    public static int[] SourceIndices(int input, int output)
    {
        float scale = (float)input / output;
        var indices = new int[output];
        for (int x = 0; x < output; x++)
            indices[x] = Math.Min((int)MathF.Floor((x + 0.5f) * scale), input - 1);
        return indices;
    }

    /// <summary>Resizes <paramref name="image"/> (L8 or Rgb24) in place to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static void Resize(Image image, int width, int height) =>
        Gather(image, SourceIndices(image.Width, width), SourceIndices(image.Height, height));

    /// <summary>
    /// Replaces <paramref name="image"/> (L8 or Rgb24) in place by the image whose pixel (x, y) is the source pixel
    /// (<paramref name="columns"/>[x], <paramref name="rows"/>[y]).
    /// </summary>
    public static void Gather(Image image, int[] columns, int[] rows)
    {
        switch (image)
        {
            case Image<L8> gray: Gather(gray, columns, rows); break;
            case Image<Rgb24> rgb: Gather(rgb, columns, rows); break;
            default:
                throw new ArgumentException(
                    $"HalfPixelNearest resizes L8 and Rgb24 images; got {image.PixelType.BitsPerPixel} bits per pixel.", nameof(image));
        }
    }

    private static void Gather<TPixel>(Image<TPixel> image, int[] columns, int[] rows) where TPixel : unmanaged, IPixel<TPixel>
    {
        int width = image.Width;
        var source = new TPixel[width * image.Height];
        image.CopyPixelDataTo(source);
        // The resize only gives the image its new size: every pixel is written below.
        if (image.Width != columns.Length || image.Height != rows.Length)
            image.Mutate(c => c.Resize(columns.Length, rows.Length, KnownResamplers.NearestNeighbor));
        image.ProcessPixelRows(accessor =>
        {
            for (int y = 0; y < accessor.Height; y++)
            {
                Span<TPixel> row = accessor.GetRowSpan(y);
                int offset = rows[y] * width;
                for (int x = 0; x < row.Length; x++) row[x] = source[offset + columns[x]];
            }
        });
    }
}
