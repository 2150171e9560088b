using System.Diagnostics;
using Siamese.DevStorage;

namespace Siamese.AppHost.Tests;

/// <summary>
/// The Functions app and the trainer published with docs/deployment.md's command (the one azd runs), once for the publish tests,
/// into a temporary folder that is deleted afterwards.
/// </summary>
public sealed class PublishedApps : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(8);

    private readonly string root = Path.Combine(Path.GetTempPath(), "siamese-publish-" + Guid.NewGuid().ToString("N"));

    public string Functions => Path.Combine(root, "functions");

    public string Trainer => Path.Combine(root, "trainer");

    public string Folder(string app) => app switch
    {
        "functions" => Functions,
        "trainer" => Trainer,
        _ => throw new ArgumentOutOfRangeException(nameof(app), app, "functions or trainer"),
    };

    public async Task InitializeAsync()
    {
        // One after the other: both build the same libraries.
        await PublishAsync("src/Siamese.Functions", Functions);
        await PublishAsync("src/Siamese.Trainer", Trainer);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task PublishAsync(string project, string output)
    {
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", output])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No MSBuild node or compiler server outlives the command: it would hold the redirected output open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Bound);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish {project}: exit {process.ExitCode}\n{await stdout}\n{await stderr}");
    }
}
