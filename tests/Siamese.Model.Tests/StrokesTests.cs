using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Siamese.Model.Evaluation.Robustness;
using Siamese.Model.Recipes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Model.Tests;

/// <summary>
/// Jitter:Strokes: Redrawn thins a drawing to centre lines and redraws them at one pen width, size and position, so a
/// drawing made with another pen, larger, smaller, elsewhere or on dark paper reaches the network almost as itself.
/// </summary>
public class StrokesTests
{
    private static readonly byte[][] Drawings = SampleImages.SomeCharacters(8).Select(c => c.Bytes).ToArray();

    [Fact]
    public void Thinning_leaves_a_thick_bar_as_a_line_one_pixel_wide_inside_it()
    {
        const int width = 30, height = 15;
        bool[] mask = Mask(width, height, (x, y) => x is >= 3 and <= 26 && y is >= 5 and <= 9);

        Skeleton.Thin(mask, width);

        var left = Enumerable.Range(0, mask.Length).Where(i => mask[i]).Select(i => (X: i % width, Y: i / width)).ToList();
        Assert.All(left, p => Assert.True(p.X is >= 3 and <= 26 && p.Y is >= 5 and <= 9, $"({p.X}, {p.Y}) is outside the bar"));
        for (int x = 6; x <= 23; x++)
            Assert.Equal(1, left.Count(p => p.X == x));
    }

    [Fact]
    public void Thinning_keeps_a_ring_closed()
    {
        const int side = 31;
        bool[] mask = Mask(side, side, (x, y) => Distance(x, y, 15, 15) is >= 8 and <= 11.5);

        Skeleton.Thin(mask, side);

        Assert.InRange(mask.Count(m => m), 30, 90); // a circle of radius about 10, one pixel wide
        bool[] outside = Reachable(side, 0, 0, i => !mask[i], fourConnected: true);
        Assert.False(outside[15 * side + 15], "the paper outside the ring reaches its centre: the ring was opened");
        int first = Array.IndexOf(mask, true);
        bool[] ring = Reachable(side, first % side, first / side, i => mask[i], fourConnected: false);
        Assert.Equal(mask.Count(m => m), ring.Count(r => r));
    }

    [Theory]
    [InlineData("thicker")]
    [InlineData("thinner")]
    [InlineData("scale-0.7")]
    [InlineData("scale-1.3")]
    [InlineData("shifted")]
    [InlineData("inverted")]
    public void A_perturbed_drawing_redrawn_is_close_to_the_drawing_redrawn(string perturbation)
    {
        ImagePerturbation perturb = ImagePerturbations.Named([perturbation])[0];

        double asIs = Drawings.Average(d => MeanDifference(d, Strokes.AsIs, perturb));
        double redrawn = Drawings.Average(d => MeanDifference(d, Strokes.Redrawn, perturb));

        // Per drawing, a pen a pixel wider can close a loop or a thinner one break a stroke; on average the inputs agree.
        Assert.True(redrawn < asIs / 2, $"{perturbation}: mean difference {redrawn:F1} redrawn, {asIs:F1} as is");
        Assert.InRange(redrawn, 0, 12); // of 255
    }

    [Fact]
    public void A_blank_or_almost_blank_image_becomes_blank_paper()
    {
        using var faint = new Image<L8>(60, 40, new L8(200));
        faint[30, 20] = new L8(190); // a difference below the minimum contrast
        byte[] input = Input(Png(faint), Strokes.Redrawn);

        Assert.All(input, b => Assert.Equal(255, b));
    }

    [Fact]
    public void A_large_image_is_redrawn_as_its_drawing_centred()
    {
        using var large = new Image<L8>(3000, 1200, new L8(255));
        for (int y = 100; y < 160; y++)
        for (int x = 200; x < 1400; x++)
            large[x, y] = new L8(0); // a thick bar near the top left

        byte[] input = Input(Png(large), Strokes.Redrawn);

        int[] inkRows = Enumerable.Range(0, 32).Where(y => Enumerable.Range(0, 32).Any(x => input[y * 32 + x] < 128)).ToArray();
        int[] inkColumns = Enumerable.Range(0, 32).Where(x => Enumerable.Range(0, 32).Any(y => input[y * 32 + x] < 128)).ToArray();
        Assert.InRange(inkRows.Average(), 14.5, 16.5); // centred vertically
        Assert.InRange(inkColumns.Min(), 0, 3);
        Assert.InRange(inkColumns.Max(), 28, 31); // the bar's length fills the box
    }

    [Fact]
    public void Checkpoints_that_did_not_record_it_keep_their_strokes_and_recipes_write_it_only_when_set()
    {
        const string older = """{ "colorMode": "Grayscale", "resizeTo": 130, "cropTo": 105, "imageSize": 32, "resampler": "Area" }""";
        var json = (JsonTypeInfo<PreprocessingInfo>)CheckpointJson.Default.GetTypeInfo(typeof(PreprocessingInfo))!;
        Assert.Equal(Strokes.AsIs, JsonSerializer.Deserialize(older, json)!.Strokes);

        string original = JsonSerializer.Serialize(TrainingRecipes.Resolve(TrainingRecipes.Original), RecipeJson.Default.TrainingRecipe);
        Assert.DoesNotContain("strokes", original, StringComparison.OrdinalIgnoreCase);
        string inBatch = JsonSerializer.Serialize(TrainingRecipes.Resolve(TrainingRecipes.InBatch), RecipeJson.Default.TrainingRecipe);
        Assert.Matches("\"strokes\":\\s*\"Redrawn\"", inBatch);
    }

    private static double MeanDifference(byte[] drawing, Strokes strokes, ImagePerturbation perturb)
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(drawing);
        perturb.Apply(image);
        byte[] clean = Input(drawing, strokes), perturbed = Input(Png(image), strokes);
        return clean.Zip(perturbed).Average(p => Math.Abs(p.First - p.Second));
    }

    private static byte[] Input(byte[] image, Strokes strokes) =>
        new PairPreprocessor(new JitterOptions { Strokes = strokes, Resampler = Resampler.Area }, 32)
            .ToNetworkInput(image, "drawing.png", ColorMode.Grayscale);

    private static byte[] Png(Image image)
    {
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }

    private static bool[] Mask(int width, int height, Func<int, int, bool> inside) =>
        Enumerable.Range(0, width * height).Select(i => inside(i % width, i / width)).ToArray();

    private static double Distance(int x, int y, int cx, int cy) => Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));

    private static bool[] Reachable(int side, int x, int y, Func<int, bool> open, bool fourConnected)
    {
        var seen = new bool[side * side];
        var pending = new Stack<(int X, int Y)>([(x, y)]);
        while (pending.TryPop(out var p))
        {
            if (p.X < 0 || p.Y < 0 || p.X >= side || p.Y >= side) continue;
            int i = p.Y * side + p.X;
            if (seen[i] || !open(i)) continue;
            seen[i] = true;
            for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
                if ((dx, dy) != (0, 0) && (!fourConnected || dx == 0 || dy == 0)) pending.Push((p.X + dx, p.Y + dy));
        }
        return seen;
    }
}
