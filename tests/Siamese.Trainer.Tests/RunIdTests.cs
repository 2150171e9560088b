using System.Globalization;
using Siamese.Model.Recipes;
using Siamese.Model.Training;
using Siamese.Storage.Checkpoints;

namespace Siamese.Trainer.Tests;

/// <summary>A run id names the dataset and every value of the recipe that shapes the weights, except the epoch count.</summary>
public class RunIdTests
{
    private const string Dataset = "0123456789abcdef";

    [Theory]
    [InlineData("Training:LabelSmoothing", "0.05")]
    [InlineData("Training:Schedule", "Constant")]
    [InlineData("Training:BatchNormMomentum", "0.01")]
    [InlineData("Training:Affine", "0.5")]
    [InlineData("Training:RotatedClasses", "false")]
    [InlineData("Training:LearningRate", "0.0005")]
    [InlineData("Training:EarlyStoppingPatience", "3")]
    [InlineData("Jitter:Resampler", "Nearest")]
    [InlineData("Jitter:Resampler", "HalfPixelNearest")]
    [InlineData("Model:Width", "0.5")]
    [InlineData("Training:Seed", "7")]
    public void Requests_that_differ_in_one_recipe_value_get_different_run_ids(string key, string value)
    {
        string baseline = StorageRunIds.For(Dataset, TrainingRecipes.Resolve(TrainingRecipes.InBatch));
        string other = StorageRunIds.For(Dataset,
            TrainingRecipes.Resolve(TrainingRecipes.InBatch, [KeyValuePair.Create(key, (string?)value)]));

        Assert.StartsWith(Dataset + "-", baseline);
        Assert.NotEqual(baseline, other);
    }

    [Fact]
    public void More_epochs_and_another_device_continue_the_same_run()
    {
        TrainingRecipe recipe = TrainingRecipes.Resolve(TrainingRecipes.InBatch);
        TrainingRecipe longer = TrainingRecipes.Resolve(TrainingRecipes.InBatch, [KeyValuePair.Create("Training:Epochs", (string?)"32")]);
        TrainingRecipe elsewhere = TrainingRecipes.Resolve(TrainingRecipes.InBatch);
        elsewhere.TrainingOn(new Siamese.Model.Training.TrainingOptions { Device = "cuda", ProgressIntervalSeconds = 60 });

        Assert.Equal(32, longer.Training.Epochs);
        Assert.Equal(StorageRunIds.For(Dataset, recipe), StorageRunIds.For(Dataset, longer));
        Assert.Equal(StorageRunIds.For(Dataset, recipe), StorageRunIds.For(Dataset, elsewhere));
        Assert.NotEqual(StorageRunIds.For(Dataset, recipe), StorageRunIds.For("fedcba9876543210", recipe));
    }

    [Fact]
    public void The_same_values_reached_by_another_recipe_name_are_the_same_run()
    {
        // "original" with the in-batch values (its own pair and selection values set back to the defaults) is the in-batch
        // recipe: the run id follows the values, not the name.
        var defaults = new TrainingOptions();
        var originalsOwnBack = TrainingRecipes.Presets[TrainingRecipes.Original].Keys.Select(key =>
            KeyValuePair.Create(key, (string?)Convert.ToString(typeof(TrainingOptions).GetProperty(key.Split(':')[1])!.GetValue(defaults),
                CultureInfo.InvariantCulture)));
        var inBatchValues = TrainingRecipes.Presets[TrainingRecipes.InBatch].Select(p => KeyValuePair.Create(p.Key, (string?)p.Value));
        Assert.Equal(StorageRunIds.For(Dataset, TrainingRecipes.Resolve(TrainingRecipes.InBatch)),
            StorageRunIds.For(Dataset, TrainingRecipes.Resolve(TrainingRecipes.Original, originalsOwnBack, inBatchValues)));
    }

    [Fact]
    public void A_run_id_names_its_dataset_and_a_dataset_id_is_no_run_id()
    {
        string run = StorageRunIds.For(Dataset, TrainingRecipes.Resolve(TrainingRecipes.InBatch));

        Assert.Equal(Dataset, StorageRunIds.DatasetOf(run));
        Assert.Null(StorageRunIds.DatasetOf(Dataset));
        Assert.Null(StorageRunIds.DatasetOf("20261202-014838-7798020c")); // a local run of the trainer's `train`
    }
}
