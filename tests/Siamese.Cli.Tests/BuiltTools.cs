using System.Reflection;

namespace Siamese.Cli.Tests;

/// <summary>The builds of the trainer job and of the siamese tool, run as processes of their own as users run them.</summary>
internal static class BuiltTools
{
    public static string TrainerDll => Path.Combine(Output("TrainerOutput"), "Siamese.Trainer.dll");

    public static string CliDll => Path.Combine(Output("CliOutput"), "siamese.dll");

    private static string Output(string key) => typeof(BuiltTools).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
