using System.Diagnostics;
using System.Reflection;

namespace Siamese.Trainer.Tests;

/// <summary>The built trainer as a separate process, started from its own output folder.</summary>
internal static class TrainerProcess
{
    public static string Dll => Path.Combine(
        typeof(TrainerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TrainerOutput").Value!,
        "Siamese.Trainer.dll");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Dll),
        };
        return start;
    }
}
