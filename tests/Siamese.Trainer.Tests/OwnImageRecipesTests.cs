using System.Text.Json;
using Siamese.Model.Checkpoints;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;
using Siamese.Testing;

namespace Siamese.Trainer.Tests;

/// <summary>
/// The recipes for users' own images train, in tiny configurations, a few steps each; and a run whose network has the shipped
/// model's widths and blocks starts from the shipped model's weights, while one that has not starts from scratch and says why.
/// </summary>
public class OwnImageRecipesTests
{
    /// <summary>Small enough to train in seconds: width 1/16, one block per stage, 16 px inputs.</summary>
    private static readonly string[] TinyNetwork =
        ["--width", "0.0625", "--blocks", "1,1,1,1", "--image-size", "16", "--resize-to", "18", "--crop-to", "16"];

    [Theory]
    [InlineData(TrainingRecipes.Photos, Strokes.AsIs, ImageFit.Stretch)]
    [InlineData(TrainingRecipes.Signatures, Strokes.Redrawn, ImageFit.Pad)]
    public async Task Each_recipe_for_own_images_trains_a_tiny_network_a_few_steps_and_records_how_it_preprocessed(string recipe,
        Strokes strokes, ImageFit fit)
    {
        using var temp = new TempDirectory();
        string outDir = temp.Combine("run");

        TrainerRun train = await TrainerRun.InvokeAsync(["train", "--data", TestData.SmallOmniglotZip(temp, classes: 12, perClass: 6),
            "--out", outDir, "--recipe", recipe, "--epochs", "1", "--steps-per-epoch", "2", "--classes-per-batch", "8",
            "--validation-trials", "20", .. TinyNetwork]);

        Assert.True(train.ExitCode == 0, train.Error);
        CheckpointMetadata metadata = ReadMetadata(Path.Combine(outDir, "epoch-0001"));
        Assert.Equal(recipe, metadata.Recipe!.Name);
        PreprocessingInfo preprocessing = metadata.Preprocessing;
        Assert.Equal((strokes, fit, 16), (preprocessing.Strokes, preprocessing.Fit, preprocessing.ImageSize));
        Assert.Equal(2L, metadata.Training.Steps);
        Assert.Null(metadata.StartedFrom);
        Assert.Contains("Training starts from scratch, because the shipped model does not fit the recipe's network: its widths are " +
                        "16/32/64/128, the run's 4/8/16/32", train.Output);
    }

    [Fact]
    public async Task A_run_with_the_shipped_models_widths_starts_from_its_weights_and_records_it_unless_the_recipe_says_scratch()
    {
        using var temp = new TempDirectory();
        string zip = TestData.SmallOmniglotZip(temp, classes: 12, perClass: 6);
        string[] shortRun = ["--epochs", "1", "--steps-per-epoch", "1", "--classes-per-batch", "4", "--validation-trials", "10",
            "--image-size", "32", "--resize-to", "36", "--crop-to", "32"];

        TrainerRun fineTuned = await TrainerRun.InvokeAsync(
            ["train", "--data", zip, "--out", temp.Combine("served"), "--recipe", TrainingRecipes.Photos, .. shortRun]);
        TrainerRun scratch = await TrainerRun.InvokeAsync(["train", "--data", zip, "--out", temp.Combine("scratch"),
            "--recipe", TrainingRecipes.Photos, "--start", "Scratch", .. shortRun]);

        Assert.True(fineTuned.ExitCode == 0, fineTuned.Error);
        Assert.Contains("Training starts from the shipped model.", fineTuned.Output);
        Assert.Equal("the shipped model", ReadMetadata(Path.Combine(temp.Combine("served"), "epoch-0001")).StartedFrom);
        Assert.True(scratch.ExitCode == 0, scratch.Error);
        Assert.DoesNotContain("Training starts from", scratch.Output);
        Assert.Null(ReadMetadata(Path.Combine(temp.Combine("scratch"), "epoch-0001")).StartedFrom);
    }

    private static CheckpointMetadata ReadMetadata(string checkpoint) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(checkpoint, CheckpointFormat.MetadataFile)),
            CheckpointJson.Default.CheckpointMetadata)!;
}
