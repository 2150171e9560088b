using System.Runtime.InteropServices;

namespace Siamese.Model.Torch;

/// <summary>
/// Keeps the resident memory of a training loop flat. LibTorch frees a step's tensors into glibc's malloc heap, which
/// fragments and keeps the pages: without help the process grows step after step with no tensor leaking. malloc_trim
/// hands the free pages back, but trimming after every step costs training speed (the next step faults them all in
/// again). So the first steps learn the loop's working set, and the heap is trimmed only when the process grows past it
/// by <see cref="Slack"/> (the figures: docs/benchmarks.md, "Memory over a long training run").
/// </summary>
internal sealed class NativeHeap
{
    private const int LearningSteps = 10;
    private const double Slack = 1.10;

    private static readonly Lazy<bool> Available = new(() => OperatingSystem.IsLinux() && Probe());
    private long workingSet;
    private int steps;

    /// <summary>Number of trims so far, for tests and diagnostics.</summary>
    public int Trims { get; private set; }

    public void AfterStep()
    {
        if (!Available.Value) return;
        long resident = Environment.WorkingSet;
        if (++steps <= LearningSteps)
        {
            workingSet = Math.Max(workingSet, resident);
            return;
        }
        if (resident > workingSet * Slack)
        {
            MallocTrim(0);
            Trims++;
        }
    }

    private static bool Probe()
    {
        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc (e.g. musl): nothing to trim
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
