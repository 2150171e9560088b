using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.Model.Inference;
using Siamese.Model.Network;
using Siamese.Model.Torch;

namespace Siamese.Serving.Provider;

/// <summary>
/// Whether this instance's served models compute in bfloat16 or float32. Serving:Precision forces either; with Auto it is
/// decided once per process and network shape: float32 where the CPU has no bfloat16 instructions (<see cref="CpuBFloat16"/>),
/// else bfloat16 when a timed pass finds it faster for a pair and for a batch alike (<see cref="BFloat16Trial"/>). Each
/// decision is logged with its reason and timings. Embeddings stay float32 either way, so caches and galleries do not
/// depend on it; bfloat16 moves similarities by up to a few hundredths (docs/benchmarks.md, "Inference in bfloat16").
/// </summary>
public sealed partial class PrecisionChoice(IOptions<ServingOptions> options, ILogger<PrecisionChoice> logger)
{
    private readonly ConcurrentDictionary<ModelConfig, Lazy<InferenceOptimizations>> decided = new();

    /// <summary>What <see cref="SiameseNetwork.OptimizeForInference"/> does to a served network of <paramref name="config"/>.</summary>
    public InferenceOptimizations OptimizationsFor(ModelConfig config) =>
        decided.GetOrAdd(config, shape => new Lazy<InferenceOptimizations>(() => Decide(shape))).Value;

    private InferenceOptimizations Decide(ModelConfig config) => Choose(config) == InferencePrecision.BFloat16
        ? InferenceOptimizations.All | InferenceOptimizations.BFloat16
        : InferenceOptimizations.All;

    private InferencePrecision Choose(ModelConfig config)
    {
        ServingOptions settings = options.Value;
        IReadOnlyList<string> instructions = CpuBFloat16.Instructions();
        string cpu = instructions.Count == 0 ? "none" : string.Join(", ", instructions);
        if (settings.Precision != InferencePrecision.Auto)
        {
            LogForced(config.ToString(), settings.Precision, cpu);
            return settings.Precision;
        }
        if (instructions.Count == 0)
        {
            LogNoInstructions(config.ToString());
            return InferencePrecision.Float32;
        }
        PrecisionTimings timings = BFloat16Trial.Run(config, 2 * settings.InferenceBatchSize, CancellationToken.None);
        var chosen = timings.BFloat16IsFaster ? InferencePrecision.BFloat16 : InferencePrecision.Float32;
        LogTimed(config.ToString(), chosen, cpu, timings.ToString());
        return chosen;
    }

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Inference precision for {Network}: {Precision}, set by Serving:Precision (the CPU's bfloat16 instructions: {Instructions})")]
    private partial void LogForced(string network, InferencePrecision precision, string instructions);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Inference precision for {Network}: Float32, as the CPU has no bfloat16 instructions (AMX-BF16, AVX512-BF16) and would emulate it")]
    private partial void LogNoInstructions(string network);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Inference precision for {Network}: {Precision}, the faster on this CPU ({Instructions}): {Timings}")]
    private partial void LogTimed(string network, InferencePrecision precision, string instructions, string timings);
}
