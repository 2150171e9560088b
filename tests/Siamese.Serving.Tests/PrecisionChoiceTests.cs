using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Siamese.Model.Network;
using Siamese.Model.Torch;
using Siamese.Serving.Provider;
using Xunit.Abstractions;

namespace Siamese.Serving.Tests;

/// <summary>
/// <see cref="PrecisionChoice"/>: Serving:Precision forces either number format; Auto takes float32 on a CPU without
/// bfloat16 instructions and times both where it has them. Every test says which path this machine took.
/// </summary>
public class PrecisionChoiceTests(ITestOutputHelper output)
{
    private static readonly ModelConfig Tiny = new() { Width = 0.125, BlocksPerStage = [1, 1, 1, 1] };

    [Theory]
    [InlineData(InferencePrecision.Float32, false)]
    [InlineData(InferencePrecision.BFloat16, true)]
    public void The_setting_forces_a_precision_whatever_the_CPU(InferencePrecision setting, bool bfloat16)
    {
        var (choice, logger) = NewChoice(setting);

        InferenceOptimizations chosen = choice.OptimizationsFor(Tiny);

        Assert.Equal(bfloat16, chosen.HasFlag(InferenceOptimizations.BFloat16));
        Assert.True(chosen.HasFlag(InferenceOptimizations.All));
        Assert.Contains($"{setting}, set by Serving:Precision", logger.LatestRecord.Message);
        output.WriteLine(logger.LatestRecord.Message);
    }

    [Fact]
    public void Auto_takes_bfloat16_only_where_the_CPU_has_it_and_a_timed_pass_finds_it_faster()
    {
        var (choice, logger) = NewChoice(InferencePrecision.Auto);
        IReadOnlyList<string> instructions = CpuBFloat16.Instructions();

        InferenceOptimizations chosen = choice.OptimizationsFor(Tiny);

        string message = logger.LatestRecord.Message;
        output.WriteLine($"This CPU's bfloat16 instructions: {(instructions.Count == 0 ? "none" : string.Join(", ", instructions))}.");
        output.WriteLine(message);
        if (instructions.Count == 0)
        {
            Assert.False(chosen.HasFlag(InferenceOptimizations.BFloat16));
            Assert.Contains("no bfloat16 instructions", message);
        }
        else
        {
            // The trial's timings are logged, and the choice is the one they favour.
            Assert.Matches(@"a pair [\d.]+ ms in float32, [\d.]+ ms in bfloat16; \d+ images [\d.]+ ms in float32, [\d.]+ ms in bfloat16",
                message);
            string expected = chosen.HasFlag(InferenceOptimizations.BFloat16) ? "BFloat16" : "Float32";
            Assert.Contains($": {expected}, the faster on this CPU", message);
        }
    }

    [Fact]
    public void Each_network_shape_is_decided_once_per_process()
    {
        var (choice, logger) = NewChoice(InferencePrecision.Float32);

        choice.OptimizationsFor(Tiny);
        choice.OptimizationsFor(Tiny with { });
        choice.OptimizationsFor(Tiny with { ImageSize = 64 });

        Assert.Equal(2, logger.Collector.Count);
    }

    private static (PrecisionChoice Choice, FakeLogger<PrecisionChoice> Logger) NewChoice(InferencePrecision setting)
    {
        var logger = new FakeLogger<PrecisionChoice>();
        return (new PrecisionChoice(Options.Create(new ServingOptions { Precision = setting }), logger), logger);
    }
}
