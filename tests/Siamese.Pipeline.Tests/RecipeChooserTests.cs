using Siamese.Model;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;
using Siamese.Model.Training;
using Siamese.Pipeline.Recipes;

namespace Siamese.Pipeline.Tests;

/// <summary>The recipe an upload trains: the deployment's default, under the zip's recipe.json, under the blob's metadata.</summary>
public class RecipeChooserTests
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    private readonly RecipeChooser chooser = new(TrainingRecipes.InBatch, new Dictionary<string, string>
    {
        ["Training:Epochs"] = "3",
        ["Model:Width"] = "0.0625",
    });

    [Fact]
    public void Without_a_choice_the_deployments_default_recipe_and_overrides_are_trained()
    {
        TrainingRecipe recipe = chooser.Choose(NoMetadata, recipeFile: null, "upload.zip", images: null).Recipe;

        Assert.Equal(TrainingRecipes.InBatch, recipe.Name);
        Assert.Equal((3, 0.0625), (recipe.Training.Epochs, recipe.Model.Width));
    }

    [Fact]
    public void The_zips_recipe_json_overrides_the_default_and_the_blobs_metadata_overrides_both()
    {
        byte[] file = """{"recipe": "inbatch", "overrides": {"Training:Epochs": 5, "Training:LabelSmoothing": 0.05}}"""u8.ToArray();
        var metadata = new Dictionary<string, string> { ["recipe"] = "original", ["Training__Epochs"] = "2", ["owner"] = "someone" };

        TrainingRecipe fromFile = chooser.Choose(NoMetadata, file, "upload.zip", images: null).Recipe;
        TrainingRecipe fromBoth = chooser.Choose(metadata, file, "upload.zip", images: null).Recipe;

        Assert.Equal((TrainingRecipes.InBatch, 5, 0.05, 0.0625),
            (fromFile.Name, fromFile.Training.Epochs, fromFile.Training.LabelSmoothing, fromFile.Model.Width));
        Assert.Equal(("original", 2, 0.05), (fromBoth.Name, fromBoth.Training.Epochs, fromBoth.Training.LabelSmoothing));
        Assert.Equal(TrainingObjective.Pairs, fromBoth.Training.Objective);   // the original's own value
    }

    [Theory]
    [InlineData("{ not json", "recipe.invalid")]
    [InlineData("""{"recipe": "fastest"}""", "recipe.unknown")]
    [InlineData("""{"overrides": {"Training:Epoch": 2}}""", "recipe.unknown-setting")]
    [InlineData("""{"recipe": "original", "overrides": {"Training:Affine": 0.5}}""", "recipe.ignored-setting")]
    public void A_recipe_json_that_cannot_be_used_is_refused_with_a_code(string file, string code)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(file);

        var error = Assert.Throws<InvalidInputException>(() => chooser.Choose(NoMetadata, bytes, "upload.zip", images: null).Recipe);

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void A_misspelt_setting_in_the_metadata_is_refused_and_metadata_of_other_kinds_is_left_alone()
    {
        var misspelt = new Dictionary<string, string> { ["Training__Epoch"] = "2" };
        var unrelated = new Dictionary<string, string> { ["owner"] = "someone", ["source"] = "camera" };

        var error = Assert.Throws<InvalidInputException>(() => chooser.Choose(misspelt, null, "upload.zip", images: null).Recipe);

        Assert.Equal("recipe.unknown-setting", error.Code);
        Assert.True(RecipeChooser.ChoosesInMetadata(misspelt));
        Assert.False(RecipeChooser.ChoosesInMetadata(unrelated));
        Assert.Equal(3, chooser.Choose(unrelated, null, "upload.zip", images: null).Recipe.Training.Epochs);
    }

    [Fact]
    public void An_upload_that_names_a_recipe_keeps_it_whatever_its_images_and_a_deployments_recipe_comes_before_them()
    {
        var byImages = new RecipeChooser(deploymentRecipe: null, new Dictionary<string, string>());
        var deployed = new RecipeChooser(TrainingRecipes.InBatch, new Dictionary<string, string>());
        ImageProfile colourPhotos = new(ImageKind.Photo, ImageColour.Colour, false, 10, 640, 480, 1.333, 0, 0.1, 0.6, 0.2);
        byte[] file = """{"recipe": "inbatch"}"""u8.ToArray();
        var metadata = new Dictionary<string, string> { ["recipe"] = "original" };

        RecipeDecision fromMetadata = byImages.Choose(metadata, file, "upload.zip", colourPhotos);
        RecipeDecision fromFile = byImages.Choose(NoMetadata, file, "upload.zip", colourPhotos);
        RecipeDecision fromDeployment = deployed.Choose(NoMetadata, null, "upload.zip", colourPhotos);
        RecipeDecision fromImages = byImages.Choose(NoMetadata, null, "upload.zip", colourPhotos);
        RecipeDecision unmeasured = byImages.Choose(NoMetadata, null, "upload.zip", images: null);

        Assert.Equal("recipe original, named in the upload's metadata", fromMetadata.Summary);
        Assert.Equal("recipe inbatch, named in recipe.json", fromFile.Summary);
        Assert.Equal("recipe inbatch, the deployment's Preparation:Recipe", fromDeployment.Summary);
        Assert.Equal("recipe photos, chosen for colour photos, median 640x480", fromImages.Summary);
        Assert.Equal(TrainingRecipes.Default, unmeasured.Recipe.Name);
        Assert.Equal([ColorMode.Rgb, ColorMode.Grayscale, ColorMode.Grayscale, ColorMode.Rgb],
            new[] { fromMetadata, fromFile, fromDeployment, fromImages }.Select(d => d.Recipe.Model.ColorMode));
        Assert.Empty(fromMetadata.Recipe.Overrides);   // the images' colour goes with their own choice only
    }

    [Fact]
    public void Colour_photos_uploaded_again_for_another_model_keep_the_datasets_photos_recipe_in_colour()
    {
        var byImages = new RecipeChooser(deploymentRecipe: null, new Dictionary<string, string>());
        ImageProfile colourPhotos = new(ImageKind.Photo, ImageColour.Colour, false, 10, 640, 480, 1.333, 0, 0.1, 0.6, 0.2);
        TrainingRecipe prepared = byImages.Choose(NoMetadata, null, "upload.zip", colourPhotos).Recipe;

        TrainingRecipe again = byImages.ChooseAgain(prepared, new Dictionary<string, string> { ["model"] = "products" });

        Assert.Equal((TrainingRecipes.Photos, ColorMode.Rgb), (again.Name, again.Model.ColorMode));
        Assert.Equal(prepared.Fingerprint(), again.Fingerprint());
    }

    [Fact]
    public void The_same_content_uploaded_again_keeps_the_datasets_recipe_under_the_new_metadata()
    {
        TrainingRecipe prepared = TrainingRecipes.Resolve(TrainingRecipes.Original, [KeyValuePair.Create("Training:Epochs", (string?)"4")]);

        TrainingRecipe again = chooser.ChooseAgain(prepared, new Dictionary<string, string> { ["Training__BatchSize"] = "16" });

        Assert.Equal(("original", 4, 16), (again.Name, again.Training.Epochs, again.Training.BatchSize));
        Assert.Equal(TrainingRecipes.Original, chooser.ChooseAgain(prepared, NoMetadata).Name);
    }
}
