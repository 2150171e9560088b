using Microsoft.Extensions.Options;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Recipes;
using Siamese.Pipeline.Uploads;
using Siamese.Testing;

namespace Siamese.Pipeline.Tests;

/// <summary>What an upload's images measure as, and the recipe that follows when nobody names one.</summary>
public class ImageProfileTests
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    private static readonly RecipeChooser ByImages = new(deploymentRecipe: null, new Dictionary<string, string>());

    [Fact]
    public void Black_strokes_on_white_are_grey_drawings_and_train_inbatch()
    {
        ImageProfile profile = Measure(seed => MadeImages.Strokes(seed), count: 12);

        Assert.Equal((ImageKind.Drawing, ImageColour.Grey, false), (profile.Kind, profile.Colour, profile.Wide));
        Assert.Equal((105, 105, 1.0), (profile.MedianWidth, profile.MedianHeight, profile.MedianAspect));
        Assert.True(profile.PaperFraction > 0.8, $"paper {profile.PaperFraction}");
        Assert.Equal(TrainingRecipes.InBatch, Choose(profile).Recipe.Name);
    }

    [Fact]
    public void Smooth_grey_photos_with_noise_are_grey_photos_and_train_photos_in_grey()
    {
        ImageProfile profile = Measure(seed => MadeImages.GreyPhoto(seed), count: 12);
        RecipeDecision decision = Choose(profile);

        Assert.Equal((ImageKind.Photo, ImageColour.Grey, false), (profile.Kind, profile.Colour, profile.Wide));
        Assert.Equal((92, 112), (profile.MedianWidth, profile.MedianHeight));
        Assert.Equal(0, profile.DrawingShare);
        Assert.Equal("grey photos, median 92x112", profile.Describe());
        Assert.Equal((TrainingRecipes.Photos, ColorMode.Grayscale), (decision.Recipe.Name, decision.Recipe.Model.ColorMode));
        Assert.Equal("recipe photos, chosen for grey photos, median 92x112", decision.Summary);
    }

    [Fact]
    public void Colour_photos_are_colour_photos_and_train_photos_in_rgb_beneath_the_uploads_own_values()
    {
        ImageProfile profile = Measure(seed => MadeImages.ColourPhoto(seed), count: 12);
        RecipeDecision decision = Choose(profile);
        RecipeDecision overridden = ByImages.Choose(
            new Dictionary<string, string> { ["Model__ColorMode"] = "Grayscale" }, null, "upload.zip", profile);

        Assert.Equal((ImageKind.Photo, ImageColour.Colour), (profile.Kind, profile.Colour));
        Assert.True(profile.GreyFraction < 0.5, $"grey {profile.GreyFraction}");
        Assert.Equal((TrainingRecipes.Photos, ColorMode.Rgb), (decision.Recipe.Name, decision.Recipe.Model.ColorMode));
        Assert.Equal("Rgb", decision.Recipe.Overrides["Model:ColorMode"]);
        Assert.Equal((TrainingRecipes.Photos, ColorMode.Grayscale), (overridden.Recipe.Name, overridden.Recipe.Model.ColorMode));
    }

    [Fact]
    public void Wide_ink_on_paper_scans_are_wide_drawings_and_train_signatures()
    {
        ImageProfile profile = Measure(seed => MadeImages.WideScan(seed), count: 8);

        Assert.Equal((ImageKind.Drawing, ImageColour.Grey, true), (profile.Kind, profile.Colour, profile.Wide));
        Assert.Equal((600, 250, 2.4), (profile.MedianWidth, profile.MedianHeight, profile.MedianAspect));
        Assert.Equal("wide grey drawings, median 600x250", profile.Describe());
        Assert.Equal(TrainingRecipes.Signatures, RecipeChooser.ForImages(profile).Recipe);
    }

    [Fact]
    public void Drawings_as_wide_as_high_are_not_scans_and_photos_are_never_scans()
    {
        ImageProfile square = Measure(seed => MadeImages.WideScan(seed, 250, 250), count: 4);
        ImageProfile widePhotos = Measure(seed => MadeImages.GreyPhoto(seed, 300, 120), count: 4);

        Assert.Equal((ImageKind.Drawing, false), (square.Kind, square.Wide));
        Assert.Equal((ImageKind.Photo, false), (widePhotos.Kind, widePhotos.Wide));
    }

    [Fact]
    public void Omniglots_background_zip_measures_as_grey_drawings_from_200_images_over_its_classes_and_trains_inbatch()
    {
        var options = Options.Create(new PreparationOptions());
        using FileStream zip = File.OpenRead(SampleImages.Background1);
        ZipInspection inspection = new ZipInspector(options).Inspect(zip, zip.Length, "images_background_small1.zip", default);
        zip.Position = 0;

        ImageProfile profile = new UploadProfiler(options).Measure(zip, inspection.Index, default);
        RecipeDecision decision = ByImages.Choose(NoMetadata, inspection.RecipeFile, "images_background_small1.zip", profile);

        Assert.Equal((ImageKind.Drawing, ImageColour.Grey, false, 200), (profile.Kind, profile.Colour, profile.Wide, profile.Sampled));
        Assert.Equal((105, 105), (profile.MedianWidth, profile.MedianHeight));
        Assert.Equal(1.0, profile.DrawingShare);
        Assert.Equal(TrainingRecipes.InBatch, decision.Recipe.Name);
        Assert.Equal("recipe inbatch, chosen for grey drawings, median 105x105", decision.Summary);
    }

    [Fact]
    public void The_sample_is_spread_over_the_classes_the_same_each_time_and_bounded()
    {
        var classes = Enumerable.Range(0, 500)
            .Select(c => new ImageClass($"c{c:D3}", Enumerable.Range(0, 3).Select(i => $"c{c:D3}/{i}.png").ToList()))
            .ToList();
        var few = classes.Take(40).ToList();

        var fromMany = ImageSample.Pick(classes, 200);
        var fromFew = ImageSample.Pick(few, 200);

        Assert.Equal(200, fromMany.Count);
        Assert.Equal(200, fromMany.Select(e => e[..4]).Distinct().Count());   // one image of 200 classes
        Assert.Contains("c497/0.png", fromMany);                               // ...spread to the last ones
        Assert.Equal(fromMany, ImageSample.Pick(classes, 200));
        Assert.Equal(120, fromFew.Count);                                      // every image of 40 classes x 3
        Assert.Equal(["c000/0.png", "c001/0.png"], fromFew.Take(2));
    }

    private static ImageProfile Measure(Func<int, byte[]> make, int count) =>
        ImageProfiler.Measure(Enumerable.Range(0, count).Select(seed => ($"{seed}.png", make(seed))).ToList(),
            ImageDecoder.DefaultMaxPixels, default);

    private static RecipeDecision Choose(ImageProfile profile) => ByImages.Choose(NoMetadata, null, "upload.zip", profile);
}
