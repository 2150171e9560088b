using System.Runtime.InteropServices;

namespace Siamese.Model.Training;

/// <summary>
/// LibTorch frees a step's tensors into glibc's malloc arenas, which keep the pages: without a trim the process
/// grows by hundreds of megabytes over the first steps although no tensor leaks. malloc_trim hands them back.
/// </summary>
internal static class NativeHeap
{
    private static readonly bool Available = OperatingSystem.IsLinux() && Probe();

    public static void Trim()
    {
        if (Available) MallocTrim(0);
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
