using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Inference;
using Siamese.Model.Network;
using Siamese.Model.Training;
using Siamese.Model.Training.Batches;
using Siamese.Model.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Bench;

/// <summary>
/// Siamese.Model's side of the network benchmark, through the product's own code paths, on the network the default
/// recipe trains (<see cref="ModelOptions"/>' defaults): <see cref="TrainingStep"/> with the <see cref="PairObjective"/>
/// loss on a <see cref="PairDataset"/> of byte pairs (as the trainer runs it); for inference, a network made
/// inference-only as serving and evaluation make it (<see cref="SiameseNetwork.OptimizeForInference"/>), batched by
/// <see cref="Embeddings.Compute"/>, and one pair embedded and scored for latency; the same again with the backbone in
/// bfloat16 (<see cref="InferenceOptimizations.BFloat16"/>), as serving runs it where the CPU has a fast path. The
/// process's allocator is set as the product's hosts set it (<see cref="NativeAllocator"/>, in Program.cs) unless
/// --default-allocator says not to.
/// </summary>
internal static class TorchSharpSide
{
    private const int Channels = 3, ImageSize = 32;

    /// <summary>
    /// The inference rows of the step-by-step table, each one forward pass per batch: what each optimisation adds. The
    /// last step, passes of at most <see cref="Embeddings.ImagesPerPass"/> images, is the headline figure.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, InferenceOptimizations Optimizations)> Steps =
    [
        ("as loaded (evaluation mode, no autograd), one pass per batch", InferenceOptimizations.None),
        ("+ BatchNorm folded", InferenceOptimizations.FoldBatchNorm),
        ("+ channels-last (= OptimizeForInference)", InferenceOptimizations.All),
    ];

    public static SideTimings Run(TimingProtocol protocol)
    {
        torch.set_num_threads(protocol.Threads);
        using var network = NewNetwork(protocol);
        ModelSummary summary = ModelSummary.Of(network);
        using var inference = NewNetwork(protocol).OptimizeForInference();
        using var inBFloat16 = NewNetwork(protocol).OptimizeForInference(InferenceOptimizations.All | InferenceOptimizations.BFloat16);
        var bytes = new Random(0);

        var results = new List<BatchTiming>();
        foreach (int batch in protocol.BatchSizes)
        {
            var samples = Enumerable.Range(0, batch)
                .Select(i => new PairSample($"{i}", RandomBytes(bytes, 2 * ImageSize * ImageSize), i % 2 == 1))
                .ToList();
            var pairs = new PairDataset(samples, Channels, ImageSize);
            int[] all = Enumerable.Range(0, batch).ToArray();
            var images = Enumerable.Range(0, batch).Select(_ => RandomBytes(bytes, ImageSize * ImageSize)).ToList();

            // A new step (and optimizer) per batch size, as a training run has: its heap guard learns this batch's working set.
            using var trainingStep = new TrainingStep(network, learningRate: 1e-4, CPU);
            var objective = new PairObjective(network, pairs, new TrainingOptions { LabelSmoothing = 0.01 }, CPU);
            network.train();
            var train = protocol.Measure(() => trainingStep.Run(() => objective.Loss(all)), batch);
            var infer = protocol.Measure(() => Embed(inference, images, batch), batch);
            var inferBf16 = protocol.Measure(() => Embed(inBFloat16, images, batch), batch);
            double loadMs = TimingProtocol.MedianMs(() => Load(pairs, all), runs: 20);
            results.Add(new BatchTiming(batch, train.PerSecond, train.Steps, infer.PerSecond, infer.Steps, inferBf16.PerSecond, loadMs,
                protocol.InferenceSteps ? InferenceSteps(protocol, images, batch) : null));
        }

        var pair = new List<byte[]> { RandomBytes(bytes, ImageSize * ImageSize), RandomBytes(bytes, ImageSize * ImageSize) };
        double latency = protocol.MedianLatencyMs(() => Score(inference, pair));
        double latencyBf16 = protocol.MedianLatencyMs(() => Score(inBFloat16, pair));

        return new SideTimings($"TorchSharp {typeof(torch).Assembly.GetName().Version?.ToString(3)} (LibTorch {__version__})",
            torch.get_num_threads(), summary.TrainableParameters, summary.FlopsPerImage, results, latency, latencyBf16);
    }

    private static SiameseNetwork NewNetwork(TimingProtocol protocol)
    {
        random.manual_seed(0);
        return new SiameseNetwork(new ModelOptions { Width = protocol.Width }.ToConfig());
    }

    private static Dictionary<string, double> InferenceSteps(TimingProtocol protocol, IReadOnlyList<byte[]> images, int batch)
    {
        var rates = new Dictionary<string, double>();
        foreach (var (name, optimizations) in Steps)
        {
            using var network = NewNetwork(protocol);
            network.eval();
            network.OptimizeForInference(optimizations);
            using Tensor input = ImageTensors.ToBatch(images, Channels, ImageSize, ImageSize);
            rates[name] = protocol.Measure(() => InferenceMode.Run(network, () => network.Embed(input).sum().item<float>()), batch)
                .PerSecond;
        }
        return rates;
    }

    /// <summary>The data loading of a training step: a batch of byte pairs to float tensors.</summary>
    private static void Load(PairDataset pairs, int[] batch)
    {
        using var scope = NewDisposeScope();
        pairs.Batch(batch);
    }

    private static void Embed(SiameseNetwork network, IReadOnlyList<byte[]> images, int batch) => InferenceMode.Run(network, () =>
        Embeddings.Compute(network, images, Channels, ImageSize, batch, CancellationToken.None).sum().item<float>());

    private static void Score(SiameseNetwork network, IReadOnlyList<byte[]> pair) => InferenceMode.Run(network, () =>
    {
        Tensor embeddings = Embeddings.Compute(network, pair, Channels, ImageSize, 2, CancellationToken.None);
        return network.Similarity(embeddings[0..1], embeddings[1..2]).item<float>();
    });

    private static byte[] RandomBytes(Random random, int pixels)
    {
        var buffer = new byte[Channels * pixels];
        random.NextBytes(buffer);
        return buffer;
    }
}
