using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Siamese.Model.Recipes;
using Siamese.Model.Training.Batches;
using Siamese.Model.Training.Objectives;

namespace Siamese.Model.Tests;

/// <summary>Impostors (e.g. forgeries) as in-batch hard negatives: drawn with their class, and paired as different.</summary>
public class ImpostorTrainingTests
{
    [Fact]
    public void A_batch_brings_up_to_n_impostors_of_each_drawn_class_marked_labelled_with_it_and_turned_with_it()
    {
        var (genuine, impostors) = Classes(count: 4, images: 5, impostorsOf: c => c == 3 ? 0 : c + 1);
        var set = new ClassImageSet(genuine, channels: 1, imageSize: 8) { Impostors = impostors };
        var sampler = new InBatchSampler(set, classesPerBatch: 16, imagesPerClass: 2, rotatedClasses: true, impostorsPerClass: 2);
        using var scope = NewDisposeScope();

        ClassBatch batch = sampler.Next(new Random(7));

        long[] labels = batch.Labels.data<long>().ToArray();
        bool[] marked = batch.Impostors!.data<bool>().ToArray();
        Assert.Equal(labels.Length, (int)batch.Images.shape[0]);
        foreach (var group in labels.Select((label, i) => (label, i)).GroupBy(x => x.label))
        {
            int baseClass = (int)(group.Key / 4), turns = (int)(group.Key % 4);
            int expectedImpostors = Math.Min(2, impostors[baseClass].Count);
            Assert.Equal(2 + expectedImpostors, group.Count());
            Assert.Equal(expectedImpostors, group.Count(x => marked[x.i]));
            foreach (var (_, i) in group)
                Assert.True(IsOneOf(batch.Images[i], marked[i] ? impostors[baseClass] : genuine[baseClass], turns),
                    $"image {i} is not one of class {baseClass}'s {(marked[i] ? "impostors" : "images")} turned {turns} times");
        }
        Assert.Contains(false, marked);
        Assert.Contains(true, marked);
    }

    [Fact]
    public void Without_impostors_per_class_the_batches_are_exactly_those_drawn_before_impostors_existed()
    {
        var (genuine, impostors) = Classes(count: 6, images: 5, impostorsOf: c => 2);
        var withImpostors = new ClassImageSet(genuine, channels: 1, imageSize: 8) { Impostors = impostors };
        var without = new ClassImageSet(genuine, channels: 1, imageSize: 8);
        using var scope = NewDisposeScope();

        for (int seed = 0; seed < 3; seed++)
        {
            ClassBatch a = new InBatchSampler(withImpostors, 4, 3, rotatedClasses: true).Next(new Random(seed));
            ClassBatch b = new InBatchSampler(without, 4, 3, rotatedClasses: true).Next(new Random(seed));
            Assert.Null(a.Impostors);
            Assert.True(a.Images.equal(b.Images).all().item<bool>());
            Assert.True(a.Labels.equal(b.Labels).all().item<bool>());
        }
    }

    [Fact]
    public void Own_impostor_pairs_are_different_impostor_impostor_pairs_of_one_class_are_left_out_and_other_classes_are_different()
    {
        using var scope = NewDisposeScope();
        // Class 0: genuine g0 g1, impostors i2 i3; class 1: genuine g4, impostor i5.
        Tensor labels = tensor(new long[] { 0, 0, 0, 0, 1, 1 });
        Tensor impostors = tensor(new[] { false, false, true, true, false, true });
        Tensor pairs = triu_indices(6, 6, 1);

        InBatchPairs kinds = InBatchPairs.Of(labels, impostors, pairs[0], pairs[1]);

        var kindOf = new Dictionary<(long, long), string>();
        long[] first = pairs[0].data<long>().ToArray(), second = pairs[1].data<long>().ToArray();
        float[] same = kinds.Same.data<float>().ToArray(), own = kinds.OwnImpostor.data<float>().ToArray(),
            other = kinds.OtherDifferent.data<float>().ToArray();
        for (int p = 0; p < first.Length; p++)
        {
            Assert.True(same[p] + own[p] + other[p] <= 1, "a pair is of one kind at most");
            kindOf[(first[p], second[p])] = same[p] == 1 ? "same" : own[p] == 1 ? "own" : other[p] == 1 ? "other" : "excluded";
        }
        Assert.Equal("same", kindOf[(0, 1)]);
        Assert.Equal(["own", "own", "own", "own"], new[] { kindOf[(0, 2)], kindOf[(0, 3)], kindOf[(1, 2)], kindOf[(1, 3)] });
        Assert.Equal("excluded", kindOf[(2, 3)]);
        Assert.Equal("own", kindOf[(4, 5)]);
        Assert.Equal(["other", "other", "other", "other"], new[] { kindOf[(0, 4)], kindOf[(2, 4)], kindOf[(0, 5)], kindOf[(2, 5)] });
        Assert.Equal(15 - 1, kindOf.Values.Count(k => k != "excluded"));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.2)]
    public void Same_pairs_take_half_the_loss_and_own_impostor_pairs_their_share_of_the_other_half(double weight)
    {
        using var scope = NewDisposeScope();
        Tensor labels = tensor(new long[] { 0, 0, 0, 1, 1, 2, 2 });
        Tensor pairs = triu_indices(7, 7, 1);
        InBatchPairs kinds = InBatchPairs.Of(labels, tensor(new[] { false, false, true, false, false, false, false }), pairs[0], pairs[1]);

        Tensor weights = kinds.Weights(weight);

        Assert.Equal(0.5, (weights * kinds.Same).sum().item<float>(), 5);
        Assert.Equal(0.5 * weight, (weights * kinds.OwnImpostor).sum().item<float>(), 5);
        Assert.Equal(0.5 * (1 - weight), (weights * kinds.OtherDifferent).sum().item<float>(), 5);
        // Without own-impostor pairs in the batch the pairs of two classes take the whole different half.
        Tensor alone = triu_indices(5, 5, 1);
        InBatchPairs noOwn = InBatchPairs.Of(tensor(new long[] { 0, 0, 1, 1, 2 }), tensor(new[] { false, false, false, false, true }),
            alone[0], alone[1]);
        Assert.Equal(0f, noOwn.OwnImpostor.sum().item<float>());
        Assert.Equal(0.5, (noOwn.Weights(weight) * noOwn.OtherDifferent).sum().item<float>(), 5);
    }

    [Fact]
    public void Without_impostors_the_loss_is_the_one_from_before_impostors()
    {
        using var scope = NewDisposeScope();
        Tensor labels = tensor(new long[] { 0, 0, 1, 1, 2 });
        Tensor pairs = triu_indices(5, 5, 1);
        Tensor perPair = rand(pairs.shape[1]);
        Tensor same = labels.index_select(0, pairs[0]).eq(labels.index_select(0, pairs[1])).to_type(ScalarType.Float32);

        Tensor loss = InBatchPairs.Of(labels, null, pairs[0], pairs[1]).Loss(perPair, 0.5);

        Tensor before = 0.5 * (perPair * same).sum() / same.sum().clamp_min(1)
                        + 0.5 * (perPair * (1 - same)).sum() / (1 - same).sum().clamp_min(1);
        Assert.Equal(before.item<float>(), loss.item<float>());
    }

    [Fact]
    public async Task A_tiny_in_batch_run_trains_on_impostors_and_scores_its_impostor_trials_every_epoch()
    {
        using var temp = new TempDirectory();
        string zip = TestData.ForgedOmniglotZip(temp, classes: 8, perClass: 5, impostorsPerClass: 3);
        var training = new TrainingOptions
        {
            Objective = TrainingObjective.InBatch, ClassesPerBatch = 4, ImagesPerClass = 2, ImpostorsPerClass = 2, StepsPerEpoch = 2,
            Epochs = 2, MaxSteps = 3, LearningRate = 1e-3, ValidationFraction = 0.25, ValidationTrials = 30, Seed = 3,
            RotatedClasses = true, Affine = 1, ProgressIntervalSeconds = 60,
        };
        TrainingData data = new TrainingDataBuilder(NullLogger<TrainingDataBuilder>.Instance)
            .Build(zip, 16, ColorMode.Grayscale, new JitterOptions(), new PairSamplingOptions(), training, CancellationToken.None);
        torch.manual_seed(3);
        using var network = new SiameseNetwork(
            new ModelConfig { InputChannels = 1, ImageSize = 16, Width = 0.0625, BlocksPerStage = [1, 1, 1, 1] });
        var run = new TrainingRun("impostors", network, data.Pairs, data.Validation, training, new PairSamplingOptions(),
            data.Preprocessing, data.Info) { Classes = data.Classes, ImpostorTrials = data.ImpostorTrials };

        TrainingResult result = await new SiameseTrainer(NullLogger<SiameseTrainer>.Instance)
            .TrainAsync(run, new LocalCheckpointSink(temp.Combine("run")), CancellationToken.None);

        Assert.Equal((6 * 5, 6 * 3), (data.Classes!.ImageCount, data.Classes.ImpostorCount));
        Assert.Equal(3, result.StepLosses.Count);
        Assert.All(result.StepLosses, loss => Assert.True(float.IsFinite(loss)));
        Assert.Equal(2, data.ImpostorTrials!.Ways);
        Assert.All(result.Epochs, epoch => Assert.Equal(30, epoch.Impostors!.Trials));
        CheckpointMetadata metadata = LocalCheckpointStore.ReadMetadata(temp.Combine("run", "epoch-0002"));
        Assert.Equal(2, metadata.Training.ImpostorsPerClass);
    }

    [Fact]
    public void The_impostor_options_stay_out_of_recipes_at_their_defaults_and_the_pairs_objective_refuses_them()
    {
        TrainingRecipe recipe = TrainingRecipes.Resolve(TrainingRecipes.InBatch);

        string json = JsonSerializer.Serialize(recipe, RecipeJson.Default.TrainingRecipe);

        Assert.DoesNotContain("impostor", json, StringComparison.OrdinalIgnoreCase);
        var error = Assert.Throws<InvalidInputException>(() =>
            IgnoredSettings.Refuse(new TrainingOptions { ImpostorsPerClass = 2 }, new JitterOptions(), "test"));
        Assert.Equal("recipe.ignored-setting", error.Code);
        Assert.Contains("Training:ImpostorsPerClass", error.Message);
    }

    /// <summary>Classes of distinct 8x8 images, and each class's impostors (distinct again).</summary>
    private static (List<IReadOnlyList<byte[]>> Genuine, List<IReadOnlyList<byte[]>> Impostors) Classes(int count, int images,
        Func<int, int> impostorsOf)
    {
        var genuine = Enumerable.Range(0, count)
            .Select(c => (IReadOnlyList<byte[]>)Enumerable.Range(0, images).Select(i => Image(c, i)).ToList()).ToList();
        var impostors = Enumerable.Range(0, count)
            .Select(c => (IReadOnlyList<byte[]>)Enumerable.Range(0, impostorsOf(c)).Select(i => Image(c + 100, i)).ToList()).ToList();
        return (genuine, impostors);
    }

    private static bool IsOneOf(Tensor image, IReadOnlyList<byte[]> candidates, int turns) => candidates.Any(bytes =>
    {
        using Tensor original = ImageTensors.ToBatch([bytes], 1, 8, 8)[0];
        using Tensor turned = turns == 0 ? original.alias() : original.rot90(turns, (1, 2));
        return turned.equal(image).all().item<bool>();
    });

    private static byte[] Image(int c, int i) => Enumerable.Range(0, 64).Select(p => (byte)((p * 7 + c * 31 + i * 13) % 256)).ToArray();
}
