using System.Reflection;

namespace Siamese.Functions.Tests.Azure;

/// <summary>The local functions host and the trainer as built, each in its own output folder with its own dependencies.</summary>
internal static class BuiltApps
{
    public static string LocalHostDll => Path.Combine(Output("LocalHostOutput"), "Siamese.Functions.LocalHost.dll");

    public static string TrainerDll => Path.Combine(Output("TrainerOutput"), "Siamese.Trainer.dll");

    private static string Output(string key) =>
        typeof(BuiltApps).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
