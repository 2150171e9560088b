using Microsoft.Extensions.Logging.Abstractions;
using Siamese.Model.Training.Batches;
using Siamese.Model.Training.Objectives;

namespace Siamese.Model.Tests;

public class InBatchTrainingTests
{
    [Fact]
    public void A_batch_holds_distinct_classes_with_their_images_and_rotated_classes_are_turned_copies()
    {
        var classes = Enumerable.Range(0, 5)
            .Select(c => (IReadOnlyList<byte[]>)Enumerable.Range(0, 6).Select(i => Image(c, i)).ToList())
            .ToList();
        var set = new ClassImageSet(classes, channels: 1, imageSize: 8);
        var sampler = new InBatchSampler(set, classesPerBatch: 4, imagesPerClass: 3, rotatedClasses: true);
        using var scope = NewDisposeScope();

        ClassBatch batch = sampler.Next(new Random(3));

        Assert.Equal(20, sampler.ClassCount);
        Assert.Equal(new long[] { 12, 1, 8, 8 }, batch.Images.shape);
        long[] labels = batch.Labels.data<long>().ToArray();
        Assert.Equal(4, labels.Distinct().Count());
        Assert.All(labels.Chunk(3), group => Assert.Single(group.Distinct()));
        for (int i = 0; i < 12; i++)
        {
            // Each image is one of its class's images, turned by the class's quarter turns.
            int baseClass = (int)(labels[i] / 4), turns = (int)(labels[i] % 4);
            Tensor image = batch.Images[i];
            bool found = classes[baseClass].Any(bytes =>
            {
                using Tensor original = ImageTensors.ToBatch([bytes], 1, 8, 8)[0];
                using Tensor turned = turns == 0 ? original.alias() : original.rot90(turns, (1, 2));
                return turned.equal(image).all().item<bool>();
            });
            Assert.True(found, $"image {i} is not an image of class {baseClass} turned {turns} times");
        }
    }

    [Fact]
    public void Affine_distortion_is_the_identity_at_strength_zero_and_a_bounded_change_otherwise()
    {
        using var scope = NewDisposeScope();
        Tensor images = rand(6, 1, 16, 16);

        Assert.True(AffineDistortion.Apply(images, 0, new Random(1)).equal(images).all().item<bool>());
        Tensor distorted = AffineDistortion.Apply(images, 1, new Random(1));
        Assert.Equal(images.shape, distorted.shape);
        Assert.True(distorted.sub(images).abs().mean().item<float>() > 0.01f, "strength 1 should move pixels");
        Assert.True(distorted.min().item<float>() >= 0 && distorted.max().item<float>() <= 1, "values stay in [0, 1]");
        Assert.True(AffineDistortion.Apply(images, 1, new Random(1)).equal(distorted).all().item<bool>(),
            "the same generator gives the same distortion");
    }

    [Fact]
    public void The_cosine_schedule_warms_up_peaks_at_the_base_rate_and_ends_at_two_percent()
    {
        var options = new TrainingOptions { LearningRate = 1e-3, Schedule = LearningRateSchedule.Cosine };
        double[] rates = Enumerable.Range(0, 1000).Select(step => LearningRates.At(options, step, 1000)).ToArray();

        Assert.True(rates[0] < 1e-4);
        Assert.Equal(1e-3, rates.Max(), 6);
        Assert.Equal(2e-5, rates[^1], 6);
        Assert.Equal(1e-3, LearningRates.At(new TrainingOptions { LearningRate = 1e-3 }, 500, 1000));
    }

    [Fact]
    public async Task In_batch_training_lowers_the_loss_on_real_omniglot_classes()
    {
        using var temp = new TempDirectory();
        var training = new TrainingOptions
        {
            Objective = TrainingObjective.InBatch, ClassesPerBatch = 8, ImagesPerClass = 4, StepsPerEpoch = 15, Epochs = 4,
            LearningRate = 2e-3, BatchNormMomentum = 0.1, ValidationFraction = 0, Seed = 5, ProgressIntervalSeconds = 60,
        };
        string zip = TestData.SmallOmniglotZip(temp, classes: 16, perClass: 20);
        TrainingData data = new TrainingDataBuilder(NullLogger<TrainingDataBuilder>.Instance)
            .Build(zip, 32, ColorMode.Grayscale, new JitterOptions { Resampler = Resampler.Area }, new PairSamplingOptions(), training,
                CancellationToken.None);
        torch.manual_seed(5);
        using var network = new SiameseNetwork(new ModelConfig { InputChannels = 1, Width = 0.125, BlocksPerStage = [1, 1, 1, 1] });
        var run = new TrainingRun("in-batch", network, data.Pairs, null, training, new PairSamplingOptions(), data.Preprocessing, data.Info)
        {
            Classes = data.Classes,
        };

        TrainingResult result = await new SiameseTrainer(NullLogger<SiameseTrainer>.Instance)
            .TrainAsync(run, new LocalCheckpointSink(temp.Combine("run")), CancellationToken.None);

        Assert.Equal(0, data.Pairs.Count);
        Assert.Equal(16 * 20, data.Classes!.ImageCount);
        Assert.Equal(60, result.StepLosses.Count);
        double start = result.StepLosses.Take(10).Average(), end = result.StepLosses.TakeLast(10).Average();
        Assert.True(end < start - 0.05, $"loss should fall: first ten steps {start:F3}, last ten {end:F3}");
    }

    [Fact]
    public void A_step_whose_loss_is_not_finite_is_skipped_and_leaves_the_weights_as_they_were()
    {
        using var network = new SiameseNetwork(
            new ModelConfig { InputChannels = 1, ImageSize = 16, Width = 0.0625, BlocksPerStage = [1, 1, 1, 1] });
        using var step = new TrainingStep(network, learningRate: 1e-2, CPU);
        var objective = new InBatchObjective(network, new ClassImageSet([], channels: 1, imageSize: 16), new TrainingOptions(), CPU);
        using var scope = NewDisposeScope();
        Tensor labels = tensor(new long[] { 0, 0, 1, 1 });
        var before = network.parameters().Select(p => p.clone()).ToList();

        float poisoned = step.Run(() => objective.Loss(new ClassBatch(full(4, 1, 16, 16, float.NaN), labels)));

        Assert.True(float.IsNaN(poisoned));
        Assert.StartsWith("loss", step.LastSkipReason);
        Assert.All(network.parameters().Zip(before), p => Assert.True(p.First.equal(p.Second).all().item<bool>()));
        float healthy = step.Run(() => objective.Loss(new ClassBatch(rand(4, 1, 16, 16), labels)));
        Assert.True(float.IsFinite(healthy));
        Assert.Contains(network.parameters().Zip(before), p => !p.First.equal(p.Second).all().item<bool>());
    }

    [Fact]
    public void Merged_archives_count_a_class_present_in_both_once()
    {
        ClassIndex first, second, merged;
        using (var a = ImageArchive.Open(SampleImages.Background1)) first = ClassIndex.Build(a.Entries);
        using (var b = ImageArchive.Open(SampleImages.Background2)) second = ClassIndex.Build(b.Entries);
        using (var both = ImageArchive.Open([SampleImages.Background1, SampleImages.Background2])) merged = ClassIndex.Build(both.Entries);

        var union = first.Classes.Select(c => c.Name).Union(second.Classes.Select(c => c.Name)).ToHashSet();
        Assert.True(union.Count < first.Classes.Count + second.Classes.Count, "the two subsets share some characters");
        Assert.Equal(union.Order(), merged.Classes.Select(c => c.Name).Order());
    }

    private static byte[] Image(int c, int i) => Enumerable.Range(0, 64).Select(p => (byte)((p * 7 + c * 31 + i * 13) % 256)).ToArray();
}
