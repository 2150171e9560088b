using System.Globalization;

namespace Siamese.Bench;

/// <summary>
/// This process's resident memory from /proc/self/status: now (VmRSS) and the peak (VmHWM), which writing "5" to
/// /proc/self/clear_refs resets to the current resident size (Linux 4.0 and later).
/// </summary>
internal static class ProcessMemory
{
    public static double ResidentMegabytes() => StatusMegabytes("VmRSS:");

    public static double PeakResidentMegabytes() => StatusMegabytes("VmHWM:");

    /// <summary>Resets the peak to the current resident size; false where the kernel does not allow it.</summary>
    public static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return PeakResidentMegabytes() <= ResidentMegabytes() + 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static double StatusMegabytes(string field)
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
