using System.Diagnostics;
using Siamese.Model.Network;

namespace Siamese.Model.Inference;

/// <summary>
/// Whether bfloat16 answers faster than float32 on this machine for networks of one configuration. Untrained networks of
/// its shape (weights do not change the speed), optimised for inference as served, embed random images in each precision:
/// a compare's two images and a batch, each timed as the median of <see cref="TimedPasses"/> passes after one that lets
/// oneDNN make its kernels.
/// </summary>
public static class BFloat16Trial
{
    public const int TimedPasses = 3;

    public static PrecisionTimings Run(ModelConfig config, int batchImages, CancellationToken cancellationToken)
    {
        var random = new Random(0);
        int imageBytes = config.InputChannels * config.ImageSize * config.ImageSize;
        List<byte[]> batch = Enumerable.Range(0, Math.Max(2, batchImages)).Select(_ => RandomImage(random, imageBytes)).ToList();
        List<byte[]> pair = batch.Take(2).ToList();

        var (float32Pair, float32Batch) = Time(config, InferenceOptimizations.All, pair, batch, cancellationToken);
        var (bfloat16Pair, bfloat16Batch) = Time(config, InferenceOptimizations.All | InferenceOptimizations.BFloat16, pair, batch,
            cancellationToken);
        return new PrecisionTimings(batch.Count, float32Pair, bfloat16Pair, float32Batch, bfloat16Batch);
    }

    private static (double PairMs, double BatchMs) Time(ModelConfig config, InferenceOptimizations optimizations,
        IReadOnlyList<byte[]> pair, IReadOnlyList<byte[]> batch, CancellationToken cancellationToken)
    {
        using var network = new SiameseNetwork(config).OptimizeForInference(optimizations);
        return (MedianMs(network, pair, cancellationToken), MedianMs(network, batch, cancellationToken));
    }

    private static double MedianMs(SiameseNetwork network, IReadOnlyList<byte[]> images, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        for (int pass = 0; pass <= TimedPasses; pass++)
        {
            long start = Stopwatch.GetTimestamp();
            InferenceMode.Run(network, () => Embeddings.Compute(network, images, network.Config.InputChannels,
                network.Config.ImageSize, images.Count, cancellationToken).sum().item<float>());
            if (pass > 0) times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static byte[] RandomImage(Random random, int bytes)
    {
        var image = new byte[bytes];
        random.NextBytes(image);
        return image;
    }
}

/// <summary>What <see cref="BFloat16Trial"/> measured: median milliseconds per pass of a pair and of a batch.</summary>
public sealed record PrecisionTimings(int BatchImages, double Float32PairMs, double BFloat16PairMs, double Float32BatchMs,
    double BFloat16BatchMs)
{
    /// <summary>bfloat16 is faster for a compare and for a batch alike: it never slows a request down.</summary>
    public bool BFloat16IsFaster => BFloat16PairMs < Float32PairMs && BFloat16BatchMs < Float32BatchMs;

    public override string ToString() =>
        $"a pair {Float32PairMs:0.00} ms in float32, {BFloat16PairMs:0.00} ms in bfloat16; " +
        $"{BatchImages} images {Float32BatchMs:0.00} ms in float32, {BFloat16BatchMs:0.00} ms in bfloat16";
}
