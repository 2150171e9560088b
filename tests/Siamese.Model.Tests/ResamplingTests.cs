using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Siamese.Model.Tests;

/// <summary>
/// Which source pixels the nearest resizes pick. HalfPixelNearest is TF2's tf.image.resize(..., 'nearest') (the original's):
/// output x takes source min(floor((x + 0.5) * in / out), in - 1). Nearest stays ImageSharp's floor(x * in / out), so the
/// checkpoints that recorded it preprocess as before. The expected lists are worked out by hand below.
/// </summary>
public class ResamplingTests
{
    // 130 -> 32: in / out = 4.0625 (exact in float). (x + 0.5) * 4.0625 = 4x + 2.03125 + 0.0625x: for x = 0..15 the
    // fraction 0.03125 + 0.0625x stays below 1, so 4x + 2 (2, 6, ..., 62); for x = 16..31 it is 1.03..1.97, so 4x + 3.
    private static readonly int[] HalfPixel130To32 =
    [
        2, 6, 10, 14, 18, 22, 26, 30, 34, 38, 42, 46, 50, 54, 58, 62,
        67, 71, 75, 79, 83, 87, 91, 95, 99, 103, 107, 111, 115, 119, 123, 127,
    ];

    // 105 -> 32: in / out = 3.28125 (exact). (x + 0.5) * 3.28125 = 3.28125x + 1.640625: x = 0 → 1.64 → 1, 1 → 4.92 → 4,
    // 2 → 8.20 → 8, 3 → 11.48 → 11, 4 → 14.77 → 14, 5 → 18.05 → 18, ..., 31 → 103.36 → 103.
    private static readonly int[] HalfPixel105To32 =
    [
        1, 4, 8, 11, 14, 18, 21, 24, 27, 31, 34, 37, 41, 44, 47, 50,
        54, 57, 60, 63, 67, 70, 73, 77, 80, 83, 86, 90, 93, 96, 100, 103,
    ];

    // ImageSharp: floor(x * 4.0625): 4x for x = 0..15 (0, 4, ..., 60), 4x + 1 for x = 16..31 (65, ..., 125).
    private static readonly int[] ImageSharp130To32 =
    [
        0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60,
        65, 69, 73, 77, 81, 85, 89, 93, 97, 101, 105, 109, 113, 117, 121, 125,
    ];

    // ImageSharp: floor(x * 3.28125): 0, 3.28 → 3, 6.56 → 6, 9.84 → 9, 13.13 → 13, ..., 31 → 101.72 → 101.
    private static readonly int[] ImageSharp105To32 =
    [
        0, 3, 6, 9, 13, 16, 19, 22, 26, 29, 32, 36, 39, 42, 45, 49,
        52, 55, 59, 62, 65, 68, 72, 75, 78, 82, 85, 88, 91, 95, 98, 101,
    ];

    public static TheoryData<int, int[]> HalfPixelCases() => new() { { 130, HalfPixel130To32 }, { 105, HalfPixel105To32 } };

    public static TheoryData<int, int[]> ImageSharpCases() => new() { { 130, ImageSharp130To32 }, { 105, ImageSharp105To32 } };

    [Theory]
    [MemberData(nameof(HalfPixelCases))]
    public void Half_pixel_nearest_picks_the_source_columns_and_rows_tf2_picks(int side, int[] expected)
    {
        using Image<L8> columns = Coordinates(side, byColumn: true), rows = Coordinates(side, byColumn: false);

        HalfPixelNearest.Resize(columns, 32, 32);
        HalfPixelNearest.Resize(rows, 32, 32);

        Assert.Equal((32, 32), (columns.Width, columns.Height));
        Assert.Equal(expected, Picked(columns, byColumn: true));
        Assert.Equal(expected, Picked(rows, byColumn: false));
        Assert.Equal(expected, HalfPixelNearest.SourceIndices(side, 32));
    }

    [Theory]
    [MemberData(nameof(ImageSharpCases))]
    public void Nearest_keeps_imagesharps_source_columns_and_rows_so_old_checkpoints_preprocess_as_before(int side, int[] expected)
    {
        using Image<L8> columns = Coordinates(side, byColumn: true), rows = Coordinates(side, byColumn: false);

        columns.Mutate(c => c.Resize(32, 32, Resampler.Nearest.ToImageSharp()));
        rows.Mutate(c => c.Resize(32, 32, Resampler.Nearest.ToImageSharp()));

        Assert.Equal(expected, Picked(columns, byColumn: true));
        Assert.Equal(expected, Picked(rows, byColumn: false));
    }

    [Fact]
    public void Checkpoints_without_a_resampler_keep_nearest_while_new_jitter_defaults_to_the_originals()
    {
        var old = System.Text.Json.JsonSerializer.Deserialize<PreprocessingInfo>(
            """{"ColorMode": 0, "ResizeTo": 130, "CropTo": 105, "ImageSize": 32}""");

        Assert.Equal(Resampler.Nearest, old!.Resampler);
        Assert.Equal(Resampler.HalfPixelNearest, new JitterOptions().Resampler);
    }

    [Theory]
    [InlineData(Resampler.Nearest)]
    [InlineData(Resampler.HalfPixelNearest)]
    public void Standardize_is_the_resize_to_130_the_centred_crop_and_the_resize_to_32_of_its_resampler(Resampler resampler)
    {
        // The preprocessor composes the three steps into one gather for HalfPixelNearest; they must pick what the steps
        // one after another pick. Pixel (x, y) of a 105 px image encodes x in red and y in green.
        using Image<Rgb24> image = new(105, 105);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
                for (int x = 0; x < rows.Width; x++) rows.GetRowSpan(y)[x] = new Rgb24((byte)x, (byte)y, 0);
        });
        using Image<Rgb24> steps = image.Clone();
        new PairPreprocessor(new JitterOptions { Resampler = resampler }, 32).Standardize(image);

        ResizeWith(resampler, steps, 130);
        steps.Mutate(c => c.Crop(new Rectangle(12, 12, 105, 105)));
        ResizeWith(resampler, steps, 32);

        Assert.Equal((32, 32), (image.Width, image.Height));
        Assert.Equal(ImageTensors.ToPlanarBytes(steps), ImageTensors.ToPlanarBytes(image));
    }

    private static void ResizeWith(Resampler resampler, Image image, int side)
    {
        if (resampler == Resampler.HalfPixelNearest) HalfPixelNearest.Resize(image, side, side);
        else image.Mutate(c => c.Resize(side, side, resampler.ToImageSharp()));
    }

    /// <summary>A square image whose pixels hold their column (or row) number.</summary>
    private static Image<L8> Coordinates(int side, bool byColumn)
    {
        var image = new Image<L8>(side, side);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
                for (int x = 0; x < rows.Width; x++) rows.GetRowSpan(y)[x] = new L8((byte)(byColumn ? x : y));
        });
        return image;
    }

    /// <summary>The source column (or row) each output column (or row) took.</summary>
    private static int[] Picked(Image<L8> image, bool byColumn)
    {
        var picked = new int[byColumn ? image.Width : image.Height];
        image.ProcessPixelRows(rows =>
        {
            for (int i = 0; i < picked.Length; i++)
                picked[i] = byColumn ? rows.GetRowSpan(0)[i].PackedValue : rows.GetRowSpan(i)[0].PackedValue;
        });
        return picked;
    }
}
