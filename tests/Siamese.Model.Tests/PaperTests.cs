using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Siamese.Model.Recipes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Siamese.Model.Tests;

/// <summary>
/// Jitter:Paper: with Light, a drawing on dark paper reaches the network as the same drawing on light paper; with AsIs
/// (the original's, and every checkpoint's that did not record it) nothing changes.
/// </summary>
public class PaperTests
{
    private static readonly byte[] Drawing = SampleImages.SomeCharacters(1)[0].Bytes;

    private static byte[] Inverted()
    {
        using Image<L8> image = Image.Load<L8>(Drawing);
        image.Mutate(c => c.Invert());
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }

    private static byte[] Input(byte[] image, Paper paper, Resampler resampler = Resampler.HalfPixelNearest) =>
        new PairPreprocessor(new JitterOptions { Paper = paper, Resampler = resampler }, 32)
            .ToNetworkInput(image, "drawing.png", ColorMode.Grayscale);

    [Theory]
    [InlineData(Resampler.HalfPixelNearest, 0)]
    [InlineData(Resampler.Area, 1)]   // an area average of inverted pixels may round the other way
    public void With_light_paper_an_inverted_drawing_gives_the_network_the_drawings_own_input(Resampler resampler, int tolerance)
    {
        byte[] original = Input(Drawing, Paper.Light, resampler), inverted = Input(Inverted(), Paper.Light, resampler);

        Assert.Equal(Input(Drawing, Paper.AsIs, resampler), original); // on light paper already: untouched
        Assert.All(original.Zip(inverted), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, tolerance));
    }

    [Fact]
    public void As_is_an_inverted_drawing_stays_inverted()
    {
        byte[] original = Input(Drawing, Paper.AsIs), inverted = Input(Inverted(), Paper.AsIs);

        Assert.Equal(original.Select(b => (byte)(255 - b)), inverted);
    }

    [Fact]
    public void Checkpoints_that_did_not_record_it_preprocess_as_is_and_new_ones_record_it()
    {
        const string older = """{ "colorMode": "Grayscale", "resizeTo": 130, "cropTo": 105, "imageSize": 32, "resampler": "Area" }""";
        var json = (JsonTypeInfo<PreprocessingInfo>)CheckpointJson.Default.GetTypeInfo(typeof(PreprocessingInfo))!;
        var info = JsonSerializer.Deserialize(older, json)!;
        Assert.Equal(Paper.AsIs, info.Paper);

        string written = JsonSerializer.Serialize(info with { Paper = Paper.Light }, json);
        Assert.Matches("\"paper\":\\s*\"Light\"", written);
    }

    [Fact]
    public void Recipes_leave_it_out_at_its_default_so_earlier_fingerprints_stand()
    {
        TrainingRecipe recipe = TrainingRecipes.Resolve(TrainingRecipes.Original);
        string json = JsonSerializer.Serialize(recipe, RecipeJson.Default.TrainingRecipe);
        Assert.DoesNotContain("paper", json, StringComparison.OrdinalIgnoreCase);

        KeyValuePair<string, string?>[] paper = [new("Jitter:Paper", "Light")];
        TrainingRecipe light = TrainingRecipes.Resolve(TrainingRecipes.Original, paper);
        Assert.Matches("\"paper\":\\s*\"Light\"", JsonSerializer.Serialize(light, RecipeJson.Default.TrainingRecipe));
    }

    [Fact]
    public void The_shipped_default_model_serves_with_light_paper()
    {
        var (network, metadata) = LocalCheckpointStore.Load(DefaultModel.Folder);
        network.Dispose();
        Assert.Equal(Paper.Light, metadata.Preprocessing.Paper);
    }
}
