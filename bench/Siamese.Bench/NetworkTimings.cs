using System.Diagnostics;

namespace Siamese.Bench;

/// <summary>
/// Speed of one implementation at one batch size, inference in float32 and in bfloat16. <see cref="InferenceSteps"/>:
/// Siamese.Model's inference images/s with only some of its optimisations (by name), when the benchmark was asked for them.
/// </summary>
internal sealed record BatchTiming(int Batch, double TrainPairsPerSecond, int TrainSteps, double InferImagesPerSecond, int InferSteps,
    double InferBf16ImagesPerSecond, double LoadMs, IReadOnlyDictionary<string, double>? InferenceSteps = null);

/// <summary>
/// What one implementation reported in one round (the PyTorch script prints the same fields as JSON). The bf16 figures:
/// Siamese.Model's network computing in bfloat16 (<see cref="Siamese.Model.Network.InferenceOptimizations.BFloat16"/>),
/// PyTorch's under CPU autocast.
/// </summary>
internal sealed record SideTimings(string Implementation, int Threads, long Parameters, long FlopsPerImage,
    IReadOnlyList<BatchTiming> Results, double LatencyMsP50, double LatencyBf16MsP50);

/// <summary>The measurement protocol both sides follow (bench/pytorch/siamese_reference.py mirrors it line for line).</summary>
internal sealed record TimingProtocol(int Threads, double Width, IReadOnlyList<int> BatchSizes, int Warmup, int MinSteps,
    double MinSeconds, int LatencyPairs)
{
    /// <summary>Siamese.Model also times inference with fewer of its optimisations (the step-by-step table).</summary>
    public bool InferenceSteps { get; init; }

    /// <summary>Siamese.Model leaves glibc's allocator at its defaults (<see cref="Siamese.Model.Torch.NativeAllocator"/>).</summary>
    public bool DefaultAllocator { get; init; }

    public const int LatencyWarmup = 5;

    /// <summary>Warm-up steps, then at least <see cref="MinSteps"/> timed steps and at least <see cref="MinSeconds"/>.</summary>
    public (double PerSecond, int Steps) Measure(Action step, int itemsPerStep)
    {
        for (int i = 0; i < Warmup; i++) step();
        int steps = 0;
        var clock = Stopwatch.StartNew();
        while (steps < MinSteps || clock.Elapsed.TotalSeconds < MinSeconds)
        {
            step();
            steps++;
        }
        return (steps * itemsPerStep / clock.Elapsed.TotalSeconds, steps);
    }

    public double MedianLatencyMs(Action pair) => MedianMs(pair, LatencyPairs);

    /// <summary>Median wall time of <paramref name="action"/> over <paramref name="runs"/> runs after a short warm-up.</summary>
    public static double MedianMs(Action action, int runs)
    {
        var latencies = new List<double>();
        for (int i = 0; i < runs + LatencyWarmup; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            if (i >= LatencyWarmup) latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        latencies.Sort();
        return latencies[latencies.Count / 2];
    }
}
