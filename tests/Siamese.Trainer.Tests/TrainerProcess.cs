using System.Diagnostics;

namespace Siamese.Trainer.Tests;

/// <summary>The built trainer as a separate process, started from its own output folder.</summary>
internal static class TrainerProcess
{
    public static string Dll => BuiltApps.TrainerDll;

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
