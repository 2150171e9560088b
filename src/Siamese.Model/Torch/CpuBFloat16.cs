using System.Runtime.Intrinsics.X86;

namespace Siamese.Model.Torch;

/// <summary>
/// The instructions with which a CPU computes in bfloat16 itself, from CPUID: AMX's bfloat16 tiles (Intel Xeon since
/// Sapphire Rapids) and AVX-512-BF16's dot products (Intel since Cooper Lake, AMD since Zen 4). oneDNN uses them for
/// bfloat16 convolutions; without them LibTorch converts to float32 and back, and bfloat16 runs slower than float32.
/// </summary>
public static class CpuBFloat16
{
    private const int AvxBf16Bit = 5, AmxBf16Bit = 22, AmxTileBit = 24;

    /// <summary>"AMX-BF16", "AVX512-BF16", both or none.</summary>
    public static IReadOnlyList<string> Instructions()
    {
        if (!X86Base.IsSupported || X86Base.CpuId(0, 0).Eax < 7) return [];
        (int subleaves, _, _, int features) = X86Base.CpuId(7, 0);
        var found = new List<string>();
        if (Has(features, AmxTileBit) && Has(features, AmxBf16Bit)) found.Add("AMX-BF16");
        // Avx512F.IsSupported also says the operating system saves AVX-512's registers.
        if (subleaves >= 1 && Avx512F.IsSupported && Has(X86Base.CpuId(7, 1).Eax, AvxBf16Bit)) found.Add("AVX512-BF16");
        return found;
    }

    private static bool Has(int register, int bit) => (register & (1 << bit)) != 0;
}
