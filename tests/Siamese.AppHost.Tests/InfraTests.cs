using System.Diagnostics;
using System.Reflection;
using Siamese.DevStorage;

namespace Siamese.AppHost.Tests;

/// <summary>infra/ compiles with the Bicep CLI (from NuGet) without errors or warnings.</summary>
public class InfraTests
{
    public static TheoryData<string> BicepFiles() =>
        new(Directory.EnumerateFiles(Path.Combine(Repository.Root, "infra"), "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f)));

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Bicep_compiles_without_errors_or_warnings(string file)
    {
        string package = typeof(InfraTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPackage").Value!;
        string bicep = Path.Combine(package, "tools", "bicep");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo(bicep, ["build", Path.Combine(Repository.Root, file), "--stdout"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string diagnostics = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, diagnostics);
        Assert.True(string.IsNullOrWhiteSpace(diagnostics), diagnostics);
        Assert.Contains("\"$schema\"", await output);
    }
}
