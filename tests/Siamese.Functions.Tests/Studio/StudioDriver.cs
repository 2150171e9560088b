using System.Diagnostics;
using System.Text.Json.Nodes;
using Siamese.DevStorage;
using Siamese.Testing.Browser;

namespace Siamese.Functions.Tests.Studio;

/// <summary>
/// Runs drive-studio.mjs: headless Chromium (Debian's, through playwright-core) opens the studio page, does what the plan
/// says as a person would (tabs, file inputs, buttons) and writes down what the page shows; the tests compare that with
/// the API's own answers.
/// </summary>
public static class StudioDriver
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    public static async Task<JsonObject> RunAsync(Uri studio, JsonObject plan, string workFolder, string? screenshots = null)
    {
        string chromium = await Chromium.EnsureInstalledAsync();
        string root = Repository.Root;
        AzuriteInstallation.EnsureInstalled(root);   // npm ci of the pinned Node tools, playwright-core among them
        string planFile = Path.Combine(workFolder, "plan.json"), outFile = Path.Combine(workFolder, "out.json");
        await File.WriteAllTextAsync(planFile, plan.ToJsonString());

        var start = new ProcessStartInfo("node",
            [Path.Combine(root, "tests", "Siamese.Functions.Tests", "Studio", "drive-studio.mjs"), studio.ToString(), planFile, outFile,
             .. screenshots is null ? Array.Empty<string>() : [screenshots]])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CHROMIUM"] = chromium },
        };
        using Process node = Process.Start(start) ?? throw new InvalidOperationException("node did not start: install Node.js 20+.");
        Task<string> output = node.StandardOutput.ReadToEndAsync(), errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"drive-studio.mjs ran over {Limit}: {await errors}");
        }
        if (node.ExitCode != 0 || !File.Exists(outFile))
            throw new InvalidOperationException($"drive-studio.mjs failed (exit {node.ExitCode}):\n{await output}\n{await errors}");
        return JsonNode.Parse(await File.ReadAllTextAsync(outFile))!.AsObject();
    }
}
