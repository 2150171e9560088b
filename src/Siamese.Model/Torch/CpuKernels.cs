using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Siamese.Model.Torch;

/// <summary>
/// Keeps LibTorch's CPU kernels off AVX-512 on AMD Zen 5 (family 26). There, with two threads, the default network's
/// backward pass through oneDNN's and MKL's AVX-512 code returned different gradients for the same input, and often
/// non-finite ones; limited to AVX2 (oneDNN, MKL and ATen's own kernels alike) every finite repeat was identical and
/// non-finite ones became rare (<see cref="Training.TrainingStep"/> repeats those on one thread), and training stayed
/// threaded (the figures: docs/benchmarks.md, "AVX-512 on AMD Zen 5"). A variable the environment sets already is left
/// as it is, and none is set when any of them is: the user's choice wins.
/// </summary>
public static class CpuKernels
{
    public static readonly IReadOnlyDictionary<string, string> Avx2Only = new Dictionary<string, string>
    {
        ["ONEDNN_MAX_CPU_ISA"] = "AVX2",
        ["MKL_ENABLE_INSTRUCTIONS"] = "AVX2",
        ["ATEN_CPU_CAPABILITY"] = "avx2",
    };

    private const int Zen5Family = 0x1A;

    /// <summary>
    /// On an AMD Zen 5 CPU, limits LibTorch to AVX2 (call it before the first torch call). Returns what was set, for the
    /// log; empty elsewhere or when the environment chose already.
    /// </summary>
    public static IReadOnlyList<string> AvoidFaultyAvx512()
    {
        if (!IsAmdZen5() || Avx2Only.Keys.Any(name => Environment.GetEnvironmentVariable(name) is not null)) return [];
        return Avx2Only.Where(variable => NativeEnvironment.SetIfUnset(variable.Key, variable.Value))
            .Select(variable => $"{variable.Key}={variable.Value}").ToList();
    }

    /// <summary>CPUID's vendor is "AuthenticAMD" and its family (base plus extended) is 26.</summary>
    public static bool IsAmdZen5()
    {
        if (!X86Base.IsSupported) return false;
        (_, int ebx, int ecx, int edx) = X86Base.CpuId(0, 0);
        string vendor =
            Encoding.ASCII.GetString([.. BitConverter.GetBytes(ebx), .. BitConverter.GetBytes(edx), .. BitConverter.GetBytes(ecx)]);
        int signature = X86Base.CpuId(1, 0).Eax;
        int baseFamily = (signature >> 8) & 0xF;
        int family = baseFamily == 0xF ? baseFamily + ((signature >> 20) & 0xFF) : baseFamily;
        return vendor == "AuthenticAMD" && family == Zen5Family;
    }
}
