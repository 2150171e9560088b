using System.Globalization;

namespace Siamese.Bench;

/// <summary>
/// The network's speed in Siamese.Model (TorchSharp) and in PyTorch, same architecture, same protocol, same
/// machine, in one run: rounds alternate which side goes first so machine noise hits both. Reports training
/// pairs/s and inference images/s per batch size, single-pair latency, their ratios (Siamese.Model / PyTorch) and
/// the fraction of the CPU's FP32 peak each reaches.
/// </summary>
internal static class NetworkBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var protocol = new TimingProtocol(
            Threads: args.Int("--threads", Environment.ProcessorCount),
            Width: args.Double("--width", 1.0),
            BatchSizes: (args.Option("--batch-sizes") ?? "1,32,128").Split(',')
                .Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToList(),
            Warmup: args.Int("--warmup", 2),
            MinSteps: args.Int("--min-steps", 3),
            MinSeconds: args.Double("--min-seconds", 10),
            LatencyPairs: args.Int("--latency-pairs", 50));
        int rounds = args.Int("--rounds", 3);
        var pytorch = new PyTorchSide(args.Option("--python") ?? PyTorchSide.DefaultPython);
        await pytorch.EnsureInstalledAsync();

        CpuPeak peak = CpuPeak.Measure(protocol.Threads);
        Console.WriteLine($"CPU: {peak}");
        Console.WriteLine(
            $"Protocol: width {protocol.Width}, batches {string.Join('/', protocol.BatchSizes)}, {protocol.Threads} threads, " +
            $"{protocol.Warmup} warm-up steps, then >= {protocol.MinSteps} steps and >= {protocol.MinSeconds} s per figure; " +
            $"{rounds} rounds");

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
        Console.WriteLine($"Medians over {ours.Count} rounds. {ours[0].Parameters:N0} parameters, {flops / 1e9:0.000} GFLOP per " +
                          "image forward (training ~3x per image, 2 images per pair).");
        Console.WriteLine($"Siamese.Model: {ours[0].Implementation}; reference: {theirs[0].Implementation}; " +
                          $"{ours[0].Threads} vs {theirs[0].Threads} threads.");
        Console.WriteLine();
        Console.WriteLine("| batch | measure | Siamese.Model | PyTorch | ratio | " +
                          "Siamese.Model % of peak (theor. / GEMM) | PyTorch % of peak (theor. / GEMM) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (int batch in protocol.BatchSizes)
        {
            double ourTrain = Median(ours, batch, r => r.TrainPairsPerSecond);
            double theirTrain = Median(theirs, batch, r => r.TrainPairsPerSecond);
            double ourInfer = Median(ours, batch, r => r.InferImagesPerSecond);
            double theirInfer = Median(theirs, batch, r => r.InferImagesPerSecond);
            Row(batch, "training pairs/s", ourTrain, theirTrain, perItem: 2 * 3.0 * flops, peak);
            Row(batch, "inference images/s", ourInfer, theirInfer, perItem: flops, peak);
        }
        double ourLatency = ours.Select(s => s.LatencyMsP50).Order().ElementAt(ours.Count / 2);
        double theirLatency = theirs.Select(s => s.LatencyMsP50).Order().ElementAt(theirs.Count / 2);
        Console.WriteLine($"| 1 pair | latency ms (p50, lower is better) | {ourLatency:0.00} | {theirLatency:0.00} | " +
                          $"{theirLatency / ourLatency:0.00} | | |");
        Console.WriteLine();
        Console.WriteLine("Ratio: Siamese.Model / PyTorch for rates, PyTorch / Siamese.Model for latency " +
                          "(above 1: Siamese.Model is faster).");
        Console.WriteLine();
        foreach (int batch in protocol.BatchSizes)
        {
            double load = Median(ours, batch, r => r.LoadMs), step = 1000 * batch / Median(ours, batch, r => r.TrainPairsPerSecond);
            Console.WriteLine($"Data loading at batch {batch} (byte pairs to a float batch): {load:0.000} ms, " +
                              $"{load / step:P2} of a training step " +
                              $"(PyTorch's uint8-to-float: {Median(theirs, batch, r => r.LoadMs):0.000} ms)");
        }
    }

    private static void Row(int batch, string measure, double ours, double theirs, double perItem, CpuPeak peak)
    {
        string Percent(double rate) =>
            $"{rate * perItem / 1e9 / peak.TheoreticalGflops:P0} / {rate * perItem / 1e9 / peak.MeasuredGemmGflops:P0}";
        Console.WriteLine($"| {batch} | {measure} | {ours:0.0} | {theirs:0.0} | {ours / theirs:0.00} | " +
                          $"{Percent(ours)} | {Percent(theirs)} |");
    }

    private static double Median(List<SideTimings> sides, int batch, Func<BatchTiming, double> value)
    {
        var values = sides.Select(s => value(s.Results.Single(r => r.Batch == batch))).Order().ToList();
        return values[values.Count / 2];
    }
}
