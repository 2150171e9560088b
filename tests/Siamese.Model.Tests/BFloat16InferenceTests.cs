using Siamese.Model.Inference;
using Siamese.Model.Torch;
using Xunit.Abstractions;

namespace Siamese.Model.Tests;

/// <summary>
/// The default model computing in bfloat16 (<see cref="InferenceOptimizations.BFloat16"/>) gives the answers it gives in
/// float32 on the 20 Omniglot one-shot runs (400 trials, 8,000 pairs): the same 20-way accuracy, similarities within
/// bfloat16's rounding (<see cref="BFloat16Margin"/>), and a different call at its threshold only for the few pairs
/// float32 scores within that margin of it, none once the pairs bfloat16 puts within it are scored again in float32.
/// Runs on every CPU: without AMX or AVX-512-BF16 LibTorch emulates bfloat16 (slower), and the test says which this
/// machine has.
/// </summary>
public class BFloat16InferenceTests(ITestOutputHelper output)
{
    private const double Rounding = BFloat16Margin.Similarity;

    [Fact]
    public void The_default_model_in_bfloat16_answers_the_Omniglot_runs_as_in_float32()
    {
        var (float32, metadata) = DefaultModel.Load();
        var (bfloat16, _) = DefaultModel.Load();
        using (float32.OptimizeForInference())
        using (bfloat16.OptimizeForInference(InferenceOptimizations.All | InferenceOptimizations.BFloat16))
        {
            IReadOnlyList<string> instructions = CpuBFloat16.Instructions();
            output.WriteLine("This CPU's bfloat16 instructions: " +
                (instructions.Count == 0 ? "none (LibTorch emulates bfloat16)." : string.Join(", ", instructions)));
            var loader = new OneShotSetLoader(metadata.Preprocessing.ToPreprocessor(), metadata.Preprocessing.ColorMode);
            using ImageArchive runs = ImageArchive.Open(SampleImages.AllRuns);
            OneShotSet set = loader.LoadOmniglotRuns(runs);

            OneShotResult expected = OneShotEvaluator.Evaluate(float32, set);
            OneShotResult actual = OneShotEvaluator.Evaluate(bfloat16, set);
            double threshold = metadata.Threshold!.Similarity;
            double[] expectedScores = Similarities(expected), actualScores = Similarities(actual);
            int calls = CallsThatDiffer(expectedScores, actualScores, threshold);
            double largest = expectedScores.Zip(actualScores, (e, a) => Math.Abs(e - a)).Max();
            output.WriteLine($"20-way accuracy {expected.Accuracy:P2} in float32, {actual.Accuracy:P2} in bfloat16; " +
                $"{calls} of {expectedScores.Length} calls at the threshold {threshold:0.000} differ; " +
                $"largest similarity difference {largest:0.0000}.");

            Assert.Equal(expected.Correct, actual.Correct);
            Assert.True(largest > 0, "bfloat16 should round somewhere; equal scores mean it did not compute in bfloat16.");
            Assert.True(largest < Rounding, $"The largest similarity difference is {largest:0.0000}.");
            // A call can change only for a pair that float32 itself scores within bfloat16's rounding of the threshold.
            var flipped = expectedScores.Where((e, i) => e >= threshold != actualScores[i] >= threshold).ToList();
            Assert.All(flipped, score => Assert.InRange(score, threshold - Rounding, threshold + Rounding));
            Assert.True(flipped.Count <= expectedScores.Length / 400, $"{flipped.Count} calls differ.");

            // Serving scores a pair again in float32 when bfloat16 puts it that close to the threshold: then no call differs.
            int uncertain = actualScores.Count(score => BFloat16Margin.IsUncertain(score, threshold));
            double[] served = actualScores.Select((a, i) => BFloat16Margin.IsUncertain(a, threshold) ? expectedScores[i] : a).ToArray();
            int callsAfter = CallsThatDiffer(expectedScores, served, threshold);
            output.WriteLine($"{uncertain} pairs are scored again in float32; then {callsAfter} calls differ.");
            Assert.Equal(0, callsAfter);
            Assert.True(uncertain <= expectedScores.Length / 20, $"{uncertain} pairs would be scored twice.");
        }
    }

    [Fact]
    public void The_trial_times_both_precisions_for_a_pair_and_a_batch()
    {
        var config = new ModelConfig { Width = 0.125, BlocksPerStage = [1, 1, 1, 1] };

        PrecisionTimings timings = BFloat16Trial.Run(config, batchImages: 16, CancellationToken.None);

        output.WriteLine($"{timings}; bfloat16 the faster: {timings.BFloat16IsFaster}.");
        Assert.Equal(16, timings.BatchImages);
        Assert.All([timings.Float32PairMs, timings.BFloat16PairMs, timings.Float32BatchMs, timings.BFloat16BatchMs],
            ms => Assert.InRange(ms, 0.001, 10_000));
    }

    private static int CallsThatDiffer(double[] expected, double[] actual, double threshold) =>
        expected.Zip(actual, (e, a) => e >= threshold != a >= threshold).Count(differs => differs);

    private static double[] Similarities(OneShotResult result) =>
        result.Scores.SelectMany(logits => logits.Select(l => 1 / (1 + Math.Exp(-l)))).ToArray();
}
