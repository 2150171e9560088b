using Microsoft.Extensions.Logging.Abstractions;
using Siamese.DevStorage;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Model.Training;
using Siamese.Model.Training.Objectives;
using static TorchSharp.torch;

namespace Siamese.Bench;

/// <summary>
/// Resident memory over a long training run: a small network trained with <see cref="TrainingStep"/> on real
/// Omniglot pairs for thousands of steps, RSS sampled every --every steps; beside it, in the same run, the PyTorch
/// reference doing the same on random pairs of the same shape. Flat means RSS at the end within 10 % of RSS at step 200.
/// </summary>
internal static class MemoryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int steps = args.Int("--steps", 2000), every = args.Int("--every", 200), batchSize = args.Int("--batch-size", 32);
        double width = args.Double("--width", 0.125);
        int threads = args.Int("--threads", Environment.ProcessorCount);
        bool withReference = !args.Flag("--no-reference");
        var pytorch = new PyTorchSide(args.Option("--python") ?? PyTorchSide.DefaultPython);
        if (withReference) await pytorch.EnsureInstalledAsync();

        Console.WriteLine($"Training width {width}, batch {batchSize}, {steps} steps, {threads} threads; RSS every {every} steps.");
        var ours = Ours(steps, every, batchSize, width, threads);
        Print("Siamese.Model", ours);
        if (withReference) Print("PyTorch", await pytorch.RssAsync(steps, every, batchSize, width, threads));
        return 0;
    }

    private static List<(int Step, double Mb)> Ours(int steps, int every, int batchSize, double width, int threads)
    {
        TorchSharp.torch.set_num_threads(threads);
        var training = new TrainingOptions { ValidationFraction = 0, Seed = 42 };
        var data = new TrainingDataBuilder(NullLogger<TrainingDataBuilder>.Instance).Build(
            Path.Combine(Repository.Root, "data", "omniglot", "images_background_small1.zip"),
            32, ColorMode.Rgb, new JitterOptions(), new PairSamplingOptions(), training, CancellationToken.None);
        using var network = new SiameseNetwork(new ModelConfig { Width = width });
        network.train();
        using var trainingStep = new TrainingStep(network, learningRate: 1e-3, CPU);
        var objective = new PairObjective(network, data.Pairs, new TrainingOptions { LabelSmoothing = 0.01 }, CPU);
        var random = new Random(42);
        var samples = new List<(int, double)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var batch = new int[batchSize];
        for (int step = 1; step <= steps; step++)
        {
            for (int i = 0; i < batchSize; i++) batch[i] = random.Next(data.Pairs.Count);
            trainingStep.Run(() => objective.Loss(batch));
            if (step % every == 0) { samples.Add((step, ProcessMemory.ResidentMegabytes()));  }
        }
        Console.WriteLine($"Siamese.Model: {steps * batchSize / clock.Elapsed.TotalSeconds:0.0} pairs/s");
        return samples;
    }

    private static void Print(string name, IReadOnlyList<(int Step, double Mb)> samples)
    {
        Console.WriteLine($"{name}: RSS MB by step: {string.Join(", ", samples.Select(s => $"{s.Step}: {s.Mb:0}"))}");
        double first = samples[0].Mb, last = samples[^1].Mb;
        Console.WriteLine($"{name}: step {samples[^1].Step} / step {samples[0].Step} = {last / first:0.000} " +
                          $"({(last / first - 1):+0.0%;-0.0%}); peak {samples.Max(s => s.Mb):0} MB");
    }
}
