using Microsoft.Extensions.Logging.Abstractions;
using Siamese.Model.Recipes;

namespace Siamese.Model.Tests;

/// <summary>The `original` recipe's data and choice of weights: the TensorFlow original's, where the other recipes depart.</summary>
public class OriginalRecipeTests
{
    [Fact]
    public void The_original_makes_listing_order_jpeg_pairs_of_every_class_keeps_its_last_epoch_and_is_challenged_on_lakes_runs()
    {
        TrainingOptions original = TrainingRecipes.Resolve(TrainingRecipes.Original).Training;
        TrainingOptions inBatch = TrainingRecipes.Resolve(TrainingRecipes.InBatch).Training;

        Assert.Equal((PairSelection.ListingOrder, PairJpeg.OriginalQuality, 0.0, KeptEpoch.Last, ChallengeTrials.ShippedBenchmark),
            (original.PairSelection, original.PairJpegQuality, original.ValidationFraction, original.KeptEpoch, original.ChallengeTrials));
        Assert.Equal((PairSelection.Random, 0, KeptEpoch.Best, ChallengeTrials.HeldOut),
            (inBatch.PairSelection, inBatch.PairJpegQuality, inBatch.KeptEpoch, inBatch.ChallengeTrials));
    }

    [Fact]
    public async Task A_tiny_original_run_trains_on_every_class_and_puts_its_last_epoch_forward()
    {
        using var temp = new TempDirectory();
        string zip = TestData.SmallOmniglotZip(temp, classes: 6, perClass: 5);
        TrainingRecipe recipe = TrainingRecipes.Resolve(TrainingRecipes.Original, [
            KeyValuePair.Create("Training:Epochs", (string?)"3"), KeyValuePair.Create("Training:BatchSize", (string?)"8"),
            KeyValuePair.Create("Training:EarlyStoppingPatience", (string?)"1"),
        ]);
        TrainingData data = new TrainingDataBuilder(NullLogger<TrainingDataBuilder>.Instance).Build(zip, 32, ColorMode.Rgb,
            recipe.Jitter, new PairSamplingOptions(), recipe.Training, CancellationToken.None);
        torch.manual_seed(1);
        using var network = new SiameseNetwork(new ModelConfig { Width = 0.0625, BlocksPerStage = [1, 1, 1, 1] });
        var run = new TrainingRun("original", network, data.Pairs, data.Validation, recipe.Training, new PairSamplingOptions(),
            data.Preprocessing, data.Info);

        TrainingResult result = await new SiameseTrainer(NullLogger<SiameseTrainer>.Instance)
            .TrainAsync(run, new LocalCheckpointSink(temp.Combine("run")), CancellationToken.None);

        // 6 classes of 5: 4 chained positives each, and up to 10 negatives from the shuffle (5 rows a class).
        Assert.Equal((6, 0, 6 * 4), (data.Info.TrainingClasses, data.Info.ValidationClasses, data.Pairs.Positives));
        Assert.Null(data.Validation);
        Assert.Equal(3, result.Epochs.Count); // no early stopping: patience counts only when the best epoch is kept
        Assert.EndsWith("epoch-0003", LocalCheckpointStore.Resolve(temp.Combine("run")), StringComparison.Ordinal);
    }
}
