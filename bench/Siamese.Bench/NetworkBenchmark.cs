using System.Globalization;
using Siamese.Model.Torch;

namespace Siamese.Bench;

/// <summary>
/// The network's speed in Siamese.Model (TorchSharp) and in PyTorch, same architecture, same protocol, same
/// machine, in one run: rounds alternate which side goes first so machine noise hits both. Reports training
/// pairs/s and inference images/s per batch size and single-pair latency, each as the median over the rounds with
/// its spread (lowest to highest round), their ratios (Siamese.Model / PyTorch; the spread of the per-round ratios)
/// and the fraction of the CPU's FP32 peak each reaches; then inference and latency in bfloat16 beside float32.
/// </summary>
internal static class NetworkBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var protocol = new TimingProtocol(
            Threads: args.Int("--threads", Environment.ProcessorCount),
            Width: args.Double("--width", 1.0),
            BatchSizes: (args.Option("--batch-sizes") ?? "32,128").Split(',')
                .Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToList(),
            Warmup: args.Int("--warmup", 2),
            MinSteps: args.Int("--min-steps", 3),
            MinSeconds: args.Double("--min-seconds", 6),
            LatencyPairs: args.Int("--latency-pairs", 50))
        {
            InferenceSteps = args.Flag("--inference-steps"),
            DefaultAllocator = args.Flag("--default-allocator"),
        };
        int rounds = args.Int("--rounds", 5);
        var pytorch = new PyTorchSide(args.Option("--python") ?? PyTorchSide.DefaultPython);
        await pytorch.EnsureInstalledAsync();

        CpuPeak peak = CpuPeak.Measure(protocol.Threads);
        IReadOnlyList<string> bf16 = CpuBFloat16.Instructions();
        Console.WriteLine($"CPU: {peak}; bfloat16 instructions: " +
                          (bf16.Count == 0 ? "none (LibTorch emulates bfloat16)" : string.Join(", ", bf16)));
        Console.WriteLine(
            $"Protocol: the default recipe's network at width {protocol.Width}, batches {string.Join('/', protocol.BatchSizes)}, " +
            $"{protocol.Threads} threads, {protocol.Warmup} warm-up steps, then >= {protocol.MinSteps} steps and " +
            $">= {protocol.MinSeconds} s per figure; {rounds} rounds" +
            (protocol.DefaultAllocator ? "; Siamese.Model with glibc's default allocator settings" : ""));

        var ours = new List<SideTimings>();
        var theirs = new List<SideTimings>();
        for (int round = 1; round <= rounds; round++)
        {
            bool oursFirst = round % 2 == 1;
            for (int turn = 0; turn < 2; turn++)
            {
                if (oursFirst == (turn == 0)) ours.Add(Report(round, TorchSharpSide.Run(protocol)));
                else theirs.Add(Report(round, await pytorch.RunAsync(protocol)));
            }
        }

        if (ours[0].Parameters != theirs[0].Parameters || ours[0].FlopsPerImage != theirs[0].FlopsPerImage)
            Console.WriteLine($"WARNING: the networks differ: {ours[0].Parameters:N0} vs {theirs[0].Parameters:N0} parameters, " +
                $"{ours[0].FlopsPerImage:N0} vs {theirs[0].FlopsPerImage:N0} FLOPs per image.");
        PrintSummary(protocol, peak, ours, theirs);
        PrintBFloat16(protocol, ours, theirs);
        if (protocol.InferenceSteps) PrintInferenceSteps(protocol, ours, theirs);
        return 0;
    }

    private static SideTimings Report(int round, SideTimings side)
    {
        string batches = string.Join("; ", side.Results.Select(r =>
            $"b{r.Batch}: train {r.TrainPairsPerSecond:0.0} pairs/s, infer {r.InferImagesPerSecond:0.0} img/s"));
        Console.WriteLine($"round {round} {side.Implementation}: {batches}; latency {side.LatencyMsP50:0.00} ms");
        return side;
    }

    private static void PrintSummary(TimingProtocol protocol, CpuPeak peak, List<SideTimings> ours, List<SideTimings> theirs)
    {
        long flops = ours[0].FlopsPerImage;
        Console.WriteLine();
        Console.WriteLine($"Medians over {ours.Count} rounds (lowest-highest round in brackets). {ours[0].Parameters:N0} parameters, " +
                          $"{flops / 1e9:0.000} GFLOP per image forward (training ~3x per image, 2 images per pair).");
        Console.WriteLine($"Siamese.Model: {ours[0].Implementation}; reference: {theirs[0].Implementation}; " +
                          $"{ours[0].Threads} vs {theirs[0].Threads} threads.");
        Console.WriteLine();
        Console.WriteLine("| batch | measure | Siamese.Model | PyTorch | ratio | " +
                          "Siamese.Model % of peak (theor. / GEMM) | PyTorch % of peak (theor. / GEMM) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (int batch in protocol.BatchSizes)
        {
            Row(batch, "training pairs/s", ours, theirs, s => At(s, batch).TrainPairsPerSecond, perItem: 2 * 3.0 * flops, peak);
            Row(batch, "inference images/s", ours, theirs, s => At(s, batch).InferImagesPerSecond, perItem: flops, peak);
        }
        var ourLatency = Spread.Of(ours.Select(s => s.LatencyMsP50));
        var theirLatency = Spread.Of(theirs.Select(s => s.LatencyMsP50));
        var latencyRatio = Spread.Of(ours.Zip(theirs, (o, t) => t.LatencyMsP50 / o.LatencyMsP50));
        Console.WriteLine($"| 1 pair | latency ms (p50, lower is better) | {ourLatency:0.00} | {theirLatency:0.00} | " +
                          $"{latencyRatio:0.00} | | |");
        Console.WriteLine();
        Console.WriteLine("Ratio: Siamese.Model / PyTorch for rates, PyTorch / Siamese.Model for latency " +
                          "(above 1: Siamese.Model is faster); its brackets span the rounds' own ratios.");
        Console.WriteLine();
        foreach (int batch in protocol.BatchSizes)
        {
            double load = Spread.Of(ours.Select(s => At(s, batch).LoadMs)).Median;
            double step = 1000 * batch / Spread.Of(ours.Select(s => At(s, batch).TrainPairsPerSecond)).Median;
            Console.WriteLine($"Data loading at batch {batch} (byte pairs to a float batch): {load:0.000} ms, " +
                              $"{load / step:P2} of a training step " +
                              $"(PyTorch's uint8-to-float: {Spread.Of(theirs.Select(s => At(s, batch).LoadMs)).Median:0.000} ms)");
        }
    }

    /// <summary>Inference in bfloat16 beside float32: Siamese.Model's and PyTorch's (under autocast), and their ratios.</summary>
    private static void PrintBFloat16(TimingProtocol protocol, List<SideTimings> ours, List<SideTimings> theirs)
    {
        Console.WriteLine();
        Console.WriteLine("Inference in bfloat16 (medians; ratios: rates over the reference's, or its latency over ours):");
        Console.WriteLine();
        Console.WriteLine("| measure | Siamese.Model fp32 | Siamese.Model bf16 | PyTorch fp32 | PyTorch bf16 (autocast) | " +
                          "bf16 / PyTorch fp32 | bf16 / PyTorch bf16 | bf16 / Siamese.Model fp32 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int batch in protocol.BatchSizes)
            BFloat16Row($"inference images/s, batch {batch}", ours, theirs,
                s => At(s, batch).InferImagesPerSecond, s => At(s, batch).InferBf16ImagesPerSecond, higherIsBetter: true);
        BFloat16Row("one pair, latency ms (p50)", ours, theirs, s => s.LatencyMsP50, s => s.LatencyBf16MsP50, higherIsBetter: false);
    }

    private static void BFloat16Row(string measure, List<SideTimings> ours, List<SideTimings> theirs,
        Func<SideTimings, double> float32, Func<SideTimings, double> bfloat16, bool higherIsBetter)
    {
        Spread Ratio(List<SideTimings> reference, Func<SideTimings, double> theirValue) =>
            Spread.Of(ours.Zip(reference, (o, t) => higherIsBetter ? bfloat16(o) / theirValue(t) : theirValue(t) / bfloat16(o)));
        Console.WriteLine($"| {measure} | {Spread.Of(ours.Select(float32)):0.0} | {Spread.Of(ours.Select(bfloat16)):0.0} | " +
                          $"{Spread.Of(theirs.Select(float32)):0.0} | {Spread.Of(theirs.Select(bfloat16)):0.0} | " +
                          $"{Ratio(theirs, float32):0.00} | {Ratio(theirs, bfloat16):0.00} | {Ratio(ours, float32):0.00} |");
    }

    private static void PrintInferenceSteps(TimingProtocol protocol, List<SideTimings> ours, List<SideTimings> theirs)
    {
        Console.WriteLine();
        Console.WriteLine("Inference step by step (Siamese.Model, images/s; ratio to PyTorch in the same rounds):");
        Console.WriteLine();
        Console.WriteLine($"| network | {string.Join(" | ", protocol.BatchSizes.Select(b => $"batch {b}"))} |");
        Console.WriteLine($"|---|{string.Concat(protocol.BatchSizes.Select(_ => "---:|"))}");
        foreach (var (name, _) in TorchSharpSide.Steps)
        {
            var cells = protocol.BatchSizes.Select(batch =>
            {
                var rate = Spread.Of(ours.Select(s => At(s, batch).InferenceSteps![name]));
                var ratio = Spread.Of(ours.Zip(theirs, (o, t) => At(o, batch).InferenceSteps![name] / At(t, batch).InferImagesPerSecond));
                return $"{rate:0.0}, {ratio:0.00}x";
            });
            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
        }
        var passes = protocol.BatchSizes.Select(batch =>
            $"{Spread.Of(ours.Select(s => At(s, batch).InferImagesPerSecond)):0.0}, " +
            $"{Spread.Of(ours.Zip(theirs, (o, t) => At(o, batch).InferImagesPerSecond / At(t, batch).InferImagesPerSecond)):0.00}x");
        Console.WriteLine($"| + passes of <= {Siamese.Model.Inference.Embeddings.MaxActivationBytesPerPass >> 20} MiB activations " +
                          $"(= Embeddings.Compute, the table above) | {string.Join(" | ", passes)} |");
    }

    private static void Row(int batch, string measure, List<SideTimings> ours, List<SideTimings> theirs,
        Func<SideTimings, double> value, double perItem, CpuPeak peak)
    {
        var our = Spread.Of(ours.Select(value));
        var their = Spread.Of(theirs.Select(value));
        var ratio = Spread.Of(ours.Zip(theirs, (o, t) => value(o) / value(t)));
        string Percent(double rate) =>
            $"{rate * perItem / 1e9 / peak.TheoreticalGflops:P0} / {rate * perItem / 1e9 / peak.MeasuredGemmGflops:P0}";
        Console.WriteLine($"| {batch} | {measure} | {our:0.0} | {their:0.0} | {ratio:0.00} | " +
                          $"{Percent(our.Median)} | {Percent(their.Median)} |");
    }

    private static BatchTiming At(SideTimings side, int batch) => side.Results.Single(r => r.Batch == batch);
}
