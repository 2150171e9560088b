using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Siamese.Model.Tests;

public class ImagingTests
{
    private static readonly PairPreprocessor Preprocessor = new(new JitterOptions(), outputSize: 32);

    [Fact]
    public void Jitter_is_deterministic_under_a_seed()
    {
        var (a, b) = TwoCharacters();

        byte[] first = JitterPair(a, b, seed: 7);
        byte[] again = JitterPair(a, b, seed: 7);
        var others = Enumerable.Range(100, 10).Select(seed => JitterPair(a, b, seed)).ToList();

        Assert.Equal(first, again);
        Assert.Contains(others, o => !o.SequenceEqual(first));
    }

    [Fact]
    public void Jitter_applies_the_same_crop_and_flip_to_both_images_of_a_pair()
    {
        // The second image is the first with inverted pixels. Nearest-neighbour resizes, crops and flips move pixels
        // without changing them, so the outputs stay exact inverses only if both got the same crop and flip.
        var (a, _) = TwoCharacters();
        using Image<L8> inverted = a.CloneAs<L8>();
        inverted.Mutate(c => c.Invert());

        for (int seed = 0; seed < 50; seed++)
        {
            using Image<L8> first = a.CloneAs<L8>(), second = inverted.CloneAs<L8>();
            Preprocessor.Jitter(first, second, DeterministicRandom.For(seed, "test"));
            byte[] top = ImageTensors.ToPlanarBytes(first), bottom = ImageTensors.ToPlanarBytes(second);
            Assert.Equal(top.Select(v => (byte)(255 - v)), bottom);
        }
    }

    [Fact]
    public void Jitter_flips_about_half_of_the_pairs_and_crops_at_varying_offsets()
    {
        // Left half black, right half white: after a flip the left column is white.
        using var halves = new Image<L8>(105, 105, new L8(255));
        for (int y = 0; y < 105; y++)
            for (int x = 0; x < 52; x++)
                halves[x, y] = new L8(0);
        int flips = 0;
        var edges = new HashSet<int>();
        for (int seed = 0; seed < 200; seed++)
        {
            using Image<L8> first = halves.Clone(), second = halves.Clone();
            Preprocessor.Jitter(first, second, DeterministicRandom.For(seed, "flip"));
            byte[] pixels = ImageTensors.ToPlanarBytes(first);
            if (pixels[0] == 255) flips++;
            edges.Add(Array.FindIndex(pixels, 0, 32, p => p != pixels[0]));  // where the black/white edge lands
        }

        Assert.InRange(flips, 70, 130);
        Assert.True(edges.Count >= 3, "random crops should move the edge");
    }

    [Fact]
    public void Evaluation_preprocessing_is_a_centred_crop_without_randomness()
    {
        var (a, _) = TwoCharacters();
        using Image<L8> once = a.CloneAs<L8>(), twice = a.CloneAs<L8>();
        Preprocessor.Standardize(once);
        Preprocessor.Standardize(twice);

        Assert.Equal((32, 32), (once.Width, once.Height));
        Assert.Equal(ImageTensors.ToPlanarBytes(once), ImageTensors.ToPlanarBytes(twice));
    }

    [Theory]
    [InlineData(ColorMode.Grayscale, 1)]
    [InlineData(ColorMode.Rgb, 3)]
    public void Pairs_concatenate_vertically_into_one_32x64_image_and_split_back(ColorMode mode, int channels)
    {
        var characters = SampleImages.SomeCharacters(2);
        using Image first = ImageDecoder.Decode(characters[0].Bytes, "a", mode);
        using Image second = ImageDecoder.Decode(characters[1].Bytes, "b", mode);
        Preprocessor.Jitter(first, second, new Random(1));

        using Image pair = PairImage.Concatenate(first, second);
        var (top, bottom) = PairImage.Split(pair);

        Assert.Equal((32, 64), (pair.Width, pair.Height));
        Assert.Equal(ImageTensors.ToPlanarBytes(first), ImageTensors.ToPlanarBytes(top));
        Assert.Equal(ImageTensors.ToPlanarBytes(second), ImageTensors.ToPlanarBytes(bottom));
        byte[] planar = ImageTensors.ToPlanarBytes(pair);
        Assert.Equal(channels * 64 * 32, planar.Length);
        using Image restored = ImageTensors.FromPlanarBytes(planar, channels, 64, 32);
        Assert.Equal(planar, ImageTensors.ToPlanarBytes(restored));
    }

    [Fact]
    public void Batches_are_float_tensors_in_0_1_with_channels_first()
    {
        var characters = SampleImages.SomeCharacters(3);
        var planar = characters.Select(c =>
        {
            using Image image = ImageDecoder.Decode(c.Bytes, c.Name, ColorMode.Rgb);
            Preprocessor.Standardize(image);
            return ImageTensors.ToPlanarBytes(image);
        }).ToList();

        using var batch = ImageTensors.ToBatch(planar, 3, 32, 32);

        Assert.Equal(new long[] { 3, 3, 32, 32 }, batch.shape);
        Assert.Equal(1f, batch.max().item<float>());   // Omniglot: white paper
        Assert.Equal(0f, batch.min().item<float>());   // black strokes
        Assert.Equal(planar[1][5] / 255f, batch[1, 0, 0, 5].item<float>());
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    [InlineData("bmp")]
    [InlineData("gif")]
    public void Common_formats_decode_to_grayscale_or_rgb(string format)
    {
        var (a, _) = TwoCharacters();
        using var rgb = a.CloneAs<Rgb24>();
        using var encoded = new MemoryStream();
        rgb.Save(encoded, format switch
        {
            "png" => new PngEncoder(),
            "jpeg" => new JpegEncoder(),
            "bmp" => new BmpEncoder(),
            _ => new GifEncoder(),
        });

        using Image gray = ImageDecoder.Decode(encoded.ToArray(), "x." + format, ColorMode.Grayscale);
        using Image color = ImageDecoder.Decode(encoded.ToArray(), "x." + format, ColorMode.Rgb);

        Assert.IsType<Image<L8>>(gray);
        Assert.IsType<Image<Rgb24>>(color);
        Assert.Equal((105, 105), (color.Width, color.Height));
    }

    [Fact]
    public void Corrupt_truncated_and_oversized_images_are_refused_with_specific_codes()
    {
        byte[] png = SampleImages.SomeCharacters(1)[0].Bytes;

        var text = Assert.Throws<InvalidInputException>(() => ImageDecoder.Decode("not an image"u8.ToArray(), "notes.png", ColorMode.Rgb));
        Assert.Equal("image.unknown-format", text.Code);
        var half = Assert.Throws<InvalidInputException>(() => ImageDecoder.Decode(png[..(png.Length / 2)], "half.png", ColorMode.Rgb));
        Assert.Equal("image.corrupt", half.Code);
        var bomb = Assert.Throws<InvalidInputException>(() => ImageDecoder.Decode(png, "big.png", ColorMode.Rgb, maxPixels: 100 * 100));
        Assert.Equal("image.too-many-pixels", bomb.Code);
        Assert.Contains("105x105", bomb.Message);
    }

    private static (Image<L8> A, Image<L8> B) TwoCharacters()
    {
        var characters = SampleImages.SomeCharacters(2);
        return (Image.Load<L8>(characters[0].Bytes), Image.Load<L8>(characters[1].Bytes));
    }

    private static byte[] JitterPair(Image<L8> a, Image<L8> b, int seed)
    {
        using Image<L8> first = a.CloneAs<L8>(), second = b.CloneAs<L8>();
        Preprocessor.Jitter(first, second, DeterministicRandom.For(seed, "pair"));
        using Image pair = PairImage.Concatenate(first, second);
        return ImageTensors.ToPlanarBytes(pair);
    }
}
