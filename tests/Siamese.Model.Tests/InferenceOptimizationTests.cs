using Siamese.Model.Inference;
using TorchSharp.Modules;

namespace Siamese.Model.Tests;

/// <summary>
/// <see cref="SiameseNetwork.OptimizeForInference"/> (BatchNorm folded into the convolutions, channels-last, the last
/// stage's convolutions as matrix products for a pair) changes speed, not answers: every pair of the 20 Omniglot
/// one-shot runs scores as with the network as loaded, embedded in batches and two images at a time as a compare does.
/// </summary>
public class InferenceOptimizationTests
{
    private const double Tolerance = 1e-5;

    private static readonly Lazy<(OneShotSet Set, (int, int)[] Pairs)> Runs = new(LoadRuns);

    [Fact]
    public void The_optimised_default_model_scores_real_Omniglot_pairs_as_the_loaded_one_within_1e_5()
    {
        var (loaded, _) = DefaultModel.Load();
        var (optimised, _) = DefaultModel.Load();
        using (loaded)
        using (optimised.OptimizeForInference())
            AssertSameScores(loaded, optimised);
    }

    [Fact]
    public void A_network_of_the_original_rules_with_trained_looking_statistics_embeds_the_same_optimised()
    {
        // The original's padding and kernels, and BatchNorms that are far from the identity, so that folding matters.
        var config = new ModelOptions { Width = 0.25, ColorMode = Imaging.ColorMode.Grayscale }.ToConfig();
        random.manual_seed(7);
        using var loaded = new SiameseNetwork(config);
        RandomiseBatchNorms(loaded);
        using var optimised = new SiameseNetwork(config);
        optimised.load_state_dict(loaded.state_dict());
        optimised.OptimizeForInference();

        // Its untrained head scores every pair near 0.5, so the embeddings are compared: relative to their scale.
        var (set, _) = Runs.Value;
        var images = set.Images.Values.ToList();
        float[][] expected = Embed(loaded, images, set, batchSize: images.Count);
        double scale = expected.SelectMany(e => e).Max(Math.Abs);
        Assert.True(scale > 0.1, $"The embeddings should not vanish (largest {scale:E2}).");
        foreach (int batchSize in new[] { 100, 2 })
        {
            float[][] actual = Embed(optimised, images, set, batchSize);
            double largest = expected.Zip(actual, (e, a) => e.Zip(a, (x, y) => Math.Abs(x - y)).Max()).Max();
            Assert.True(largest <= Tolerance * scale,
                $"In batches of {batchSize} the largest difference is {largest:E2} for embeddings up to {scale:E2}.");
        }
    }

    [Fact]
    public void An_optimised_network_refuses_to_train_or_to_be_saved()
    {
        using var network = new SiameseNetwork(new ModelConfig { Width = 0.125, BlocksPerStage = [1, 1, 1, 1] }).OptimizeForInference();
        using var images = rand(2, 3, 32, 32);

        network.train();
        Assert.Throws<InvalidOperationException>(() => network.Embed(images));
        Assert.Throws<InvalidOperationException>(() => WeightsSerializer.ToBytes(network));
    }

    private static void AssertSameScores(SiameseNetwork loaded, SiameseNetwork optimised)
    {
        var (set, pairs) = Runs.Value;
        var images = set.Images.Values.ToList();
        Assert.Equal(InferenceOptimizations.None, loaded.Optimizations);
        Assert.Equal(InferenceOptimizations.All, optimised.Optimizations);

        // Batches of 100 are split into passes (Embeddings.ImagesPerPass) on the optimised side only at width 1; the batch
        // sizes differ from the loaded side's so that batching, too, is shown not to change an answer. Two images at a time
        // (a compare's pair) take the matrix products of the last stage.
        double[] expected = PairScorer.Similarities(loaded, images, pairs, set.Channels, set.ImageSize, batchSize: images.Count);
        Assert.True(expected.Max() - expected.Min() > 0.1, "The scores should spread, or the comparison shows nothing.");
        foreach (int batchSize in new[] { 100, 2 })
        {
            double[] actual = PairScorer.Similarities(optimised, images, pairs, set.Channels, set.ImageSize, batchSize);
            double largest = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(largest <= Tolerance,
                $"In batches of {batchSize} the largest difference of {pairs.Length} scores is {largest:E2}.");
        }
    }

    private static float[][] Embed(SiameseNetwork network, IReadOnlyList<byte[]> images, OneShotSet set, int batchSize) =>
        InferenceMode.Run(network, () =>
            Embeddings.ToArrays(Embeddings.Compute(network, images, set.Channels, set.ImageSize, batchSize, CancellationToken.None)));

    private static (OneShotSet, (int, int)[]) LoadRuns()
    {
        var (network, metadata) = DefaultModel.Load();
        network.Dispose();
        var loader = new OneShotSetLoader(metadata.Preprocessing.ToPreprocessor(), metadata.Preprocessing.ColorMode);
        using ImageArchive runs = ImageArchive.Open(SampleImages.AllRuns);
        OneShotSet set = loader.LoadOmniglotRuns(runs);
        var index = set.Images.Keys.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        var pairs = set.Trials.SelectMany(t => t.Candidates.Select(c => (index[t.Query], index[c]))).ToArray();
        return (set, pairs);
    }

    private static void RandomiseBatchNorms(SiameseNetwork network)
    {
        using var noGrad = no_grad();
        foreach (var norm in network.modules().OfType<BatchNorm2d>())
        {
            long channels = norm.num_features;
            norm.running_mean!.copy_(randn(channels) * 0.2);
            norm.running_var!.copy_(rand(channels) * 1.5 + 0.25);
            norm.weight!.copy_(rand(channels) + 0.5);
            norm.bias!.copy_(randn(channels) * 0.2);
        }
        network.eval();
    }
}
