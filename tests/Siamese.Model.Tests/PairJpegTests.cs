using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Model.Tests;

/// <summary>
/// The original saved each pair picture with cv2.imwrite: libjpeg at quality 95, baseline, YCbCr 4:2:0. The JPEG step is held to
/// that setting by the bytes it writes (the quantisation tables IJG's scaling gives at 95, the components' sampling), and the
/// renderer's pictures to what decoding those bytes gives.
/// </summary>
public class PairJpegTests
{
    [Fact]
    public void The_pair_jpeg_is_baseline_ycbcr_420_with_libjpegs_quality_95_tables()
    {
        using Image pair = RenderedPair(jpegQuality: 0);

        var segments = Segments(PairJpeg.Encode(pair, PairJpeg.OriginalQuality));

        Assert.True(segments.ContainsKey(0xC0), "baseline (SOF0)");
        byte[] frame = segments[0xC0];
        Assert.Equal((64, 32, 3), ((frame[1] << 8) | frame[2], (frame[3] << 8) | frame[4], (int)frame[5]));
        Assert.Equal([0x22, 0x11, 0x11], new[] { frame[7], frame[10], frame[13] }); // Y 2x2, Cb and Cr 1x1: 4:2:0
        Assert.Equal([0, 1, 1], new[] { frame[8], frame[11], frame[14] });            // chroma takes the second table
        var tables = QuantisationTables(segments[0xDB]);
        Assert.Equal(IjgTable(LuminanceBase, 95), tables[0]);
        Assert.Equal(IjgTable(ChrominanceBase, 95), tables[1]);
    }

    [Fact]
    public void A_rendered_pair_with_the_jpeg_step_is_its_lossless_picture_as_the_jpeg_decodes()
    {
        using Image lossless = RenderedPair(jpegQuality: 0);
        using Image withJpeg = RenderedPair(jpegQuality: PairJpeg.OriginalQuality);
        using Image decoded = Image.Load<Rgb24>(PairJpeg.Encode(lossless, PairJpeg.OriginalQuality));

        byte[] expected = ImageTensors.ToPlanarBytes(decoded), actual = ImageTensors.ToPlanarBytes(withJpeg);
        byte[] original = ImageTensors.ToPlanarBytes(lossless);
        Assert.Equal(expected, actual);
        // JPEG rings at the strokes' edges: some pixels change, by a few grey levels on average.
        int changed = original.Zip(actual).Count(p => p.First != p.Second);
        double meanChange = original.Zip(actual).Average(p => Math.Abs(p.First - p.Second));
        Assert.InRange(changed, 1, original.Length);
        Assert.InRange(meanChange, 0.01, 8);
    }

    [Fact]
    public void A_grey_pair_is_encoded_as_one_luminance_component()
    {
        using Image grey = RenderedPair(jpegQuality: 0, ColorMode.Grayscale);

        var segments = Segments(PairJpeg.Encode(grey, PairJpeg.OriginalQuality));

        Assert.Equal(1, segments[0xC0][5]);
        Assert.IsType<Image<L8>>(PairJpeg.RoundTrip(grey, PairJpeg.OriginalQuality), exactMatch: false);
    }

    private static Image RenderedPair(int jpegQuality, ColorMode mode = ColorMode.Rgb)
    {
        var characters = SampleImages.SomeCharacters(2);
        var renderer = new PairRenderer(new PairPreprocessor(new JitterOptions(), 32), mode, seed: 42, jpegQuality);
        return renderer.Render(new ImagePair("a#n0", "a", characters[0].Name, "b", characters[1].Name),
            characters[0].Bytes, characters[1].Bytes);
    }

    /// <summary>The JPEG's marker segments before the scan, by marker (FFxx → xx), without their length bytes.</summary>
    private static Dictionary<int, byte[]> Segments(byte[] jpeg)
    {
        var segments = new Dictionary<int, byte[]>();
        Assert.Equal((0xFF, 0xD8), (jpeg[0], jpeg[1]));
        for (int at = 2; jpeg[at + 1] != 0xDA; )
        {
            Assert.Equal(0xFF, jpeg[at]);
            int length = (jpeg[at + 2] << 8) | jpeg[at + 3];
            byte[] content = jpeg[(at + 4)..(at + 2 + length)];
            segments[jpeg[at + 1]] = segments.TryGetValue(jpeg[at + 1], out byte[]? before) ? [.. before, .. content] : content;
            at += 2 + length;
        }
        return segments;
    }

    /// <summary>8-bit tables by id, in natural (row by row) order.</summary>
    private static Dictionary<int, int[]> QuantisationTables(byte[] dqt)
    {
        var tables = new Dictionary<int, int[]>();
        for (int at = 0; at < dqt.Length; at += 65)
        {
            Assert.Equal(0, dqt[at] >> 4); // 8-bit precision
            var natural = new int[64];
            for (int k = 0; k < 64; k++) natural[ZigZag[k]] = dqt[at + 1 + k];
            tables[dqt[at] & 0xF] = natural;
        }
        return tables;
    }

    /// <summary>libjpeg's jpeg_set_quality: the standard table scaled by 200 − 2q (q ≥ 50), rounded, kept within 1..255.</summary>
    private static int[] IjgTable(int[] standard, int quality)
    {
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        return standard.Select(q => Math.Clamp((q * scale + 50) / 100, 1, 255)).ToArray();
    }

    // ITU-T T.81 Annex K, tables K.1 and K.2.
    private static readonly int[] LuminanceBase =
    [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ];

    private static readonly int[] ChrominanceBase =
    [
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99, .. Enumerable.Repeat(99, 32),
    ];

    private static readonly int[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55,
        62, 63,
    ];
}
