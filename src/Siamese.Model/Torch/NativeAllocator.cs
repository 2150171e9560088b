using System.Runtime.InteropServices;

namespace Siamese.Model.Torch;

/// <summary>
/// Lets glibc's malloc keep the memory that LibTorch frees, for the next forward pass to reuse. LibTorch allocates every
/// activation afresh; glibc serves a block above its mmap threshold (128 KiB, rising with use to at most 32 MiB) with a
/// mapping of its own, unmaps it when freed and returns the heap's free top beyond its trim threshold, so each pass
/// faulted its activations in again page by page, which made training at large batches several times slower than with
/// the memory kept (the figures: docs/benchmarks.md, "Network speed"). With both thresholds
/// raised, freed blocks stay in the heap: a process keeps its peak working set, and a training loop that grows past
/// it is still trimmed by <see cref="NativeHeap"/>.
/// </summary>
public static class NativeAllocator
{
    private const int TrimThreshold = -1, MmapThreshold = -3; // mallopt's M_TRIM_THRESHOLD and M_MMAP_THRESHOLD
    private const int OneGiB = 1 << 30;

    /// <summary>Call once at a process's start; returns false where the C library is not glibc (nothing changed).</summary>
    public static bool ReuseFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallocOption(MmapThreshold, OneGiB) == 1 && MallocOption(TrimThreshold, int.MaxValue) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallocOption(int parameter, int value);
}
