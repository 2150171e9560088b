using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Siamese.Model.Recipes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Model.Tests;

/// <summary>
/// Jitter:Fit: with Pad, a wide scan reaches the network with its shape, padded with its paper; with Stretch (the original's,
/// and every checkpoint's that did not record it) it is squeezed into the square.
/// </summary>
public class ImageFitTests
{
    /// <summary>A 240x120 white scan with a black 60x60 square in its middle.</summary>
    private static byte[] WideScan()
    {
        using var image = new Image<L8>(240, 120, new L8(255));
        for (int y = 30; y < 90; y++)
            for (int x = 90; x < 150; x++)
                image[x, y] = new L8(0);
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }

    /// <summary>The width and height of the dark pixels' box in a 32x32 network input.</summary>
    private static (int Width, int Height) InkBox(ImageFit fit)
    {
        byte[] input = new PairPreprocessor(new JitterOptions { ResizeTo = 32, CropTo = 32, Resampler = Resampler.Area, Fit = fit }, 32)
            .ToNetworkInput(WideScan(), "scan.png", ColorMode.Grayscale);
        var dark = Enumerable.Range(0, input.Length).Where(i => input[i] < 128).ToList();
        return (dark.Max(i => i % 32) - dark.Min(i => i % 32) + 1, dark.Max(i => i / 32) - dark.Min(i => i / 32) + 1);
    }

    [Fact]
    public void Padded_a_square_on_a_wide_scan_stays_square_and_the_paper_fills_the_rest()
    {
        Assert.Equal((8, 8), InkBox(ImageFit.Pad));
        Assert.Equal((8, 16), InkBox(ImageFit.Stretch));   // squeezed to half its width
    }

    [Fact]
    public void Checkpoints_that_did_not_record_it_stretch_and_recipes_leave_it_out_at_its_default()
    {
        const string older = """{ "colorMode": "Grayscale", "resizeTo": 130, "cropTo": 105, "imageSize": 32, "resampler": "Area" }""";
        var json = (JsonTypeInfo<PreprocessingInfo>)CheckpointJson.Default.GetTypeInfo(typeof(PreprocessingInfo))!;
        Assert.Equal(ImageFit.Stretch, JsonSerializer.Deserialize(older, json)!.Fit);

        Assert.DoesNotContain("\"fit\"", JsonSerializer.Serialize(TrainingRecipes.Resolve(TrainingRecipes.Original),
            RecipeJson.Default.TrainingRecipe), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ImageFit.Pad, TrainingRecipes.Resolve(TrainingRecipes.Signatures).Jitter.Fit);
    }
}
