using System.Diagnostics;
using System.Globalization;
using Siamese.Development;
using Siamese.Model.Network;
using Siamese.Model.Torch;
using static TorchSharp.torch;

namespace Siamese.Bench;

/// <summary>
/// Whether LibTorch's CPU backward pass is repeatable, side by side under three settings, each in a process of its own
/// (the variables must be set before LibTorch starts): as LibTorch chooses (threaded, AVX-512 where the CPU has it), one
/// thread (MKL_NUM_THREADS=OMP_NUM_THREADS=1), and threaded on AVX2 (<see cref="CpuKernels.Avx2Only"/>). Each process
/// computes the same batch's loss and gradients N times on the default network and counts the non-finite gradient sums
/// and the finite ones that differ from the first.
/// </summary>
internal static class BackwardRepeatabilityBenchmark
{
    public const string RunCommand = "backward-repeatability-run";

    private static readonly (string Name, IReadOnlyDictionary<string, string> Variables)[] Settings =
    [
        ("LibTorch's default", new Dictionary<string, string>()),
        ("one thread", new Dictionary<string, string> { ["MKL_NUM_THREADS"] = "1", ["OMP_NUM_THREADS"] = "1" }),
        ("AVX2 (CpuKernels)", CpuKernels.Avx2Only),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        int repeats = args.Int("--repeats", 20), batch = args.Int("--batch-size", 64);
        double width = args.Double("--width", 1.0);
        Console.WriteLine($"Backward pass of the default network (width {width}), batch {batch}, {repeats} repeats per setting; " +
                          $"AMD Zen 5: {CpuKernels.IsAmdZen5()}");
        Console.WriteLine("| Setting | Non-finite | Finite but different | Seconds per repeat |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, variables) in Settings)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
                start.ArgumentList.Add(typeof(BackwardRepeatabilityBenchmark).Assembly.Location);
            foreach (string arg in new[] { RunCommand, "--repeats", $"{repeats}", "--batch-size", $"{batch}", "--width", $"{width}" })
                start.ArgumentList.Add(arg);
            foreach (string variable in CpuKernels.Avx2Only.Keys.Concat(TorchThreads.Variables))
                start.Environment.Remove(variable);
            foreach (var (variable, value) in variables) start.Environment[variable] = value;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("the benchmark process did not start");
            string output = (await process.StandardOutput.ReadToEndAsync()).Trim();
            await process.WaitForExitAsync();
            Console.WriteLine(process.ExitCode == 0 ? $"| {name} | {output} |" : $"| {name} | failed (exit {process.ExitCode}) |");
        }
        return 0;
    }

    /// <summary>One setting: prints "non-finite | different | seconds per repeat".</summary>
    public static int Run(string[] args)
    {
        int repeats = args.Int("--repeats", 20), batch = args.Int("--batch-size", 64);
        manual_seed(1);
        using var network = new SiameseNetwork(new ModelConfig { Width = args.Double("--width", 1.0) });
        network.train();
        using Tensor images = rand(batch, 3, 2 * network.Config.ImageSize, network.Config.ImageSize);
        using Tensor labels = (rand(batch) > 0.5).to(ScalarType.Float32);
        int nonFinite = 0, different = 0;
        float? first = null;
        var clock = Stopwatch.StartNew();
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            using var scope = NewDisposeScope();
            network.zero_grad();
            nn.functional.binary_cross_entropy_with_logits(network.Logits(images), labels).backward();
            float sum = stack(network.parameters().Select(p => p.grad!.abs().sum()).ToList()).sum().item<float>();
            if (!float.IsFinite(sum)) nonFinite++;
            else if ((first ??= sum) != sum) different++;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{nonFinite} | {different} | {clock.Elapsed.TotalSeconds / repeats:F2}"));
        return 0;
    }
}
