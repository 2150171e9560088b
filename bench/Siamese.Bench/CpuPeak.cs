using System.Diagnostics;
using System.Globalization;
using static TorchSharp.torch;

namespace Siamese.Bench;

/// <summary>
/// The CPU's FP32 peak: theoretical (cores x clock x FLOPs per cycle from the vector extensions, assuming two FMA
/// units per core, as on current x86 server cores) and measured (a large matrix product in LibTorch, what dense
/// kernels can reach on this machine).
/// </summary>
internal sealed record CpuPeak(string Model, string InstructionSet, int Cores, double GHz, int FlopsPerCycle,
    double MeasuredGemmGflops)
{
    public double TheoreticalGflops => Cores * GHz * FlopsPerCycle;

    public static CpuPeak Measure(int threads)
    {
        string info = File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : "";
        string Field(string name) =>
            info.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
        var flags = Field("flags").Split(' ').ToHashSet();
        int flopsPerCycle = flags.Contains("avx512f") ? 64
            : flags.Contains("avx2") && flags.Contains("fma") ? 32
            : flags.Contains("avx") ? 16
            : 8;
        double mhz = double.TryParse(Field("cpu MHz"), CultureInfo.InvariantCulture, out double m) ? m : 0;
        return new CpuPeak(Field("model name"), InstructionSetOf(flags), threads, mhz / 1000, flopsPerCycle, GemmGflops(threads));
    }

    /// <summary>
    /// The widest vector extension, its AVX-512 subsets that matter to oneDNN, and a limit set by the environment (the
    /// trainer sets one on AMD Zen 5, <see cref="Siamese.Model.Torch.CpuKernels"/>; set it by hand to time an AVX2 machine).
    /// </summary>
    private static string InstructionSetOf(HashSet<string> flags)
    {
        string[] avx512 = ["avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "amx_tile"];
        string widest = flags.Contains("avx512f") ? $"AVX-512 ({string.Join(", ", avx512.Where(flags.Contains))})"
            : flags.Contains("avx2") ? "AVX2"
            : flags.Contains("avx") ? "AVX"
            : "SSE";
        string? limit = Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA");
        return limit is null ? widest : $"{widest}, oneDNN limited to {limit} by ONEDNN_MAX_CPU_ISA";
    }

    private static double GemmGflops(int threads)
    {
        TorchSharp.torch.set_num_threads(threads);
        const int n = 2048;
        using var a = rand(n, n);
        using var b = rand(n, n);
        using (mm(a, b)) { }
        var clock = Stopwatch.StartNew();
        int runs = 0;
        while (clock.Elapsed.TotalSeconds < 3 || runs < 3)
        {
            using (mm(a, b)) { }
            runs++;
        }
        return 2.0 * n * n * n * runs / clock.Elapsed.TotalSeconds / 1e9;
    }

    public override string ToString() =>
        $"{Model}, {InstructionSet}, {Cores} threads at {GHz:0.00} GHz x {FlopsPerCycle} FP32 FLOPs/cycle = " +
        $"{TheoreticalGflops:0.0} GFLOP/s theoretical; " +
        $"LibTorch 2048x2048 matrix product: {MeasuredGemmGflops:0.0} GFLOP/s";
}
