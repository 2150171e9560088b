using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Siamese.DevStorage;

namespace Siamese.Bench;

/// <summary>
/// The reference side: bench/pytorch/siamese_reference.py in Debian's python3-torch, one process per round.
/// <see cref="EnsureInstalled"/> is the benchmark's set-up step: it installs python3-torch with apt when missing.
/// </summary>
internal sealed class PyTorchSide(string python)
{
    // Debian's interpreter: python3-torch lives in its dist-packages, which a pyenv or venv python3 on PATH does not see.
    public const string DefaultPython = "/usr/bin/python3";

    private static string Script => Path.Combine(Repository.Root, "bench", "pytorch", "siamese_reference.py");
    private static string SetupScript => Path.Combine(Repository.Root, "bench", "pytorch", "setup.sh");

    public async Task EnsureInstalledAsync()
    {
        if ((await RunAsync(python, ["-c", "import torch"], echo: false)).ExitCode == 0) return;
        Console.WriteLine($"PyTorch is not importable by {python}: running {SetupScript} (apt-get install python3-torch)...");
        var setup = await RunAsync("bash", [SetupScript], echo: true);
        if (setup.ExitCode != 0 || (await RunAsync(python, ["-c", "import torch"], echo: false)).ExitCode != 0)
            throw new InvalidOperationException($"Could not install PyTorch for {python} (exit {setup.ExitCode}): {setup.Error.Trim()}");
    }

    public async Task<SideTimings> RunAsync(TimingProtocol protocol)
    {
        var result = await RunAsync(python, [Script,
            "--threads", protocol.Threads.ToString(CultureInfo.InvariantCulture),
            "--width", protocol.Width.ToString(CultureInfo.InvariantCulture),
            "--batch-sizes", string.Join(',', protocol.BatchSizes),
            "--warmup", protocol.Warmup.ToString(CultureInfo.InvariantCulture),
            "--min-steps", protocol.MinSteps.ToString(CultureInfo.InvariantCulture),
            "--min-seconds", protocol.MinSeconds.ToString(CultureInfo.InvariantCulture),
            "--latency-pairs", protocol.LatencyPairs.ToString(CultureInfo.InvariantCulture)], echo: false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{Script} failed (exit {result.ExitCode}): {result.Error.Trim()}");
        return JsonSerializer.Deserialize<SideTimings>(result.Output, Json)
            ?? throw new InvalidOperationException($"{Script} printed no result.");
    }

    /// <summary>RSS (MB) of the reference training <paramref name="steps"/> steps, sampled every <paramref name="every"/>.</summary>
    public async Task<List<(int Step, double Mb)>> RssAsync(int steps, int every, int batchSize, double width, int threads)
    {
        var result = await RunAsync(python, [Script, "--threads", threads.ToString(CultureInfo.InvariantCulture),
            "--width", width.ToString(CultureInfo.InvariantCulture), "--rss-steps", steps.ToString(CultureInfo.InvariantCulture),
            "--rss-every", every.ToString(CultureInfo.InvariantCulture),
            "--batch-sizes", batchSize.ToString(CultureInfo.InvariantCulture)], echo: false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{Script} failed (exit {result.ExitCode}): {result.Error.Trim()}");
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("rss_mb").EnumerateArray().Select(e => (e[0].GetInt32(), e[1].GetDouble())).ToList();
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, IEnumerable<string> arguments, bool echo)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (echo) Console.Write(await output);
        return (process.ExitCode, await output, await error);
    }
}
