using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Siamese.DevStorage;

namespace Siamese.AppHost.Tests;

/// <summary>infra/ compiles with the Bicep CLI (from NuGet) without errors or warnings, and azd can fill in main.bicep's
/// parameters from main.parameters.json.</summary>
public partial class InfraTests
{
    private static readonly string MainBicep = Path.Combine("infra", "main.bicep");
    private static readonly string MainParameters = Path.Combine("infra", "main.parameters.json");

    public static TheoryData<string> BicepFiles() =>
        new(Directory.EnumerateFiles(Path.Combine(Repository.Root, "infra"), "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f)));

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Bicep_compiles_without_errors_or_warnings(string file)
    {
        (int exitCode, string output, string diagnostics) = await BuildAsync(file);

        Assert.True(exitCode == 0, diagnostics);
        Assert.True(string.IsNullOrWhiteSpace(diagnostics), diagnostics);
        Assert.Contains("\"$schema\"", output);
    }

    /// <summary>azd prompts for nothing and deploys what main.bicep declares: every parameter without a default has a
    /// value in main.parameters.json, every value there names a parameter, a fallback (${VAR=fallback}) is one of the
    /// parameter's allowed values, and the trainer's image is the one azd deployed, so `azd provision` keeps it.</summary>
    [Fact]
    public async Task Parameters_file_maps_every_required_parameter_and_the_deployed_trainer_image()
    {
        (int exitCode, string output, string diagnostics) = await BuildAsync(MainBicep);
        Assert.True(exitCode == 0, diagnostics);
        using JsonDocument template = JsonDocument.Parse(output);
        using JsonDocument parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, MainParameters)));
        Dictionary<string, JsonElement> declared = template.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value);
        Dictionary<string, string> mapped = parameters.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value").GetString()!);

        string[] required = [.. declared.Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Key)];
        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.True(mapped.ContainsKey(name), $"{name} has no default and no value in {MainParameters}."));
        Assert.All(mapped.Keys, name => Assert.True(declared.ContainsKey(name), $"{MainParameters} sets {name}, which main.bicep lacks."));
        foreach ((string name, string value) in mapped)
        {
            Match fallback = Fallback().Match(value);
            if (fallback.Success && declared[name].TryGetProperty("allowedValues", out JsonElement allowed))
                Assert.Contains(fallback.Groups["fallback"].Value, allowed.EnumerateArray().Select(v => v.GetString()));
        }

        Match image = Fallback().Match(mapped["trainerImage"]);
        Assert.True(image.Success, $"trainerImage is {mapped["trainerImage"]}, not ${{VARIABLE=placeholder}}.");
        Assert.Equal("SERVICE_TRAINER_IMAGE_NAME", image.Groups["variable"].Value);
        Assert.Equal(declared["trainerImage"].GetProperty("defaultValue").GetString(), image.Groups["fallback"].Value);
    }

    /// <summary>An azd parameter value that falls back when the variable is unset: ${VARIABLE=fallback}.</summary>
    [GeneratedRegex(@"^\$\{(?<variable>[A-Z0-9_]+)=(?<fallback>[^}]*)\}$")]
    private static partial Regex Fallback();

    /// <summary>`bicep build FILE --stdout`: the exit code, the compiled template and the diagnostics.</summary>
    private static async Task<(int ExitCode, string Output, string Diagnostics)> BuildAsync(string file)
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
        return (process.ExitCode, await output, diagnostics);
    }
}
