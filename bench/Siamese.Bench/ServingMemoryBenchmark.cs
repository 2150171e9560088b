using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Siamese.DevStorage;
using Siamese.Functions.LocalHost;
using Siamese.Model.Network;
using Siamese.Storage;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Bench;

/// <summary>
/// Peak memory of the compare path (request read, decode, preprocess, embed) through the local functions host when N
/// concurrent requests each carry two photos of P megapixels. Every configuration runs in a fresh process
/// (<see cref="ServingMemoryRun"/>), so no earlier configuration's heap or image buffer pool is counted; the reference,
/// in the same run, is the same requests with small photos (--reference-megapixels, 1) and each process's own
/// resident size after start-up and a warm-up compare. Once with the default model (grayscale) and once with an RGB
/// model (three bytes per decoded pixel instead of one), published and promoted for the second half.
/// </summary>
internal static class ServingMemoryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        double[] sizes = [args.Double("--reference-megapixels", 1), .. args.Doubles("--megapixels", 4, 16, 40)];
        int[] concurrencies = args.Doubles("--concurrency", 1, 2, 4, 8).Select(c => (int)c).ToArray();
        string format = args.Option("--format") ?? "jpeg";
        string[] colors = (args.Option("--colors") ?? "grayscale,rgb").Split(',');
        int bursts = args.Int("--bursts", 2);

        string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "siamese-serving-memory")).FullName;
        var files = sizes.ToDictionary(p => p, p => PhotoImages.File(folder, p, format));
        foreach (var (megapixels, file) in files)
        {
            Console.WriteLine(
                $"{megapixels:0.##} MP {format}: {PhotoImages.Size(megapixels)}, {new FileInfo(file).Length / 1048576.0:0.00} MiB");
        }

        await using Azurite azurite = await Azurite.StartNewAsync();
        var results = new List<ServingMemoryResult>();
        Console.WriteLine($"| model | photos (MP, {format}) | N | file MiB | baseline RSS MiB | peak RSS MiB | peak − baseline MiB | " +
                          "per request MiB | decoded pixels of 2N photos MiB | managed heap MiB (baseline → peak) | burst s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (string color in colors)
        {
            if (color == "rgb") await PublishRgbModelAsync(azurite.ConnectionString);
            foreach (double megapixels in sizes)
                foreach (int concurrency in concurrencies)
                {
                    ServingMemoryResult? result = await RunOneAsync(azurite.ConnectionString, files[megapixels], concurrency, bursts);
                    if (result is null) continue;
                    results.Add(result);
                    Row(result, megapixels == sizes[0]);
                }
        }
        if (results.Any(r => !r.PeakWasReset))
            Console.WriteLine("Note: the peak could not be reset (/proc/self/clear_refs); peaks are since the process started.");
        return 0;
    }

    private static async Task<ServingMemoryResult?> RunOneAsync(string storage, string image, int concurrency, int bursts)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            start.ArgumentList.Add(typeof(ServingMemoryBenchmark).Assembly.Location);
        string[] arguments =
        [
            ServingMemoryRun.Command, "--storage", storage, "--image", image,
            "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture), "--bursts", bursts.ToString(CultureInfo.InvariantCulture),
        ];
        foreach (string arg in arguments) start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("the benchmark process did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync(), errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        string? line = (await output).Split('\n')
            .FirstOrDefault(l => l.StartsWith(ServingMemoryRun.ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode == 0 && line is not null)
            return JsonSerializer.Deserialize<ServingMemoryResult>(line[ServingMemoryRun.ResultPrefix.Length..]);

        string error = (await errors).Trim();
        Console.WriteLine($"| {Path.GetFileName(image)}, N {concurrency}: failed (exit {process.ExitCode}): " +
                          $"{error[Math.Max(0, error.Length - 400)..].ReplaceLineEndings(" ")} |");
        return null;
    }

    /// <summary>An untrained RGB model of the default model's width, promoted, so that the host serves RGB from now on.</summary>
    private static async Task PublishRgbModelAsync(string storage)
    {
        await using var host = LocalFunctionsHost.Create([], new Dictionary<string, string?>
        {
            [StorageNames.Connection] = storage,
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await host.StartAsync();
        await CheckpointPublisher.PublishAsync(host.Services.GetRequiredService<BlobCheckpointStore>(),
            host.Services.GetRequiredService<ServedModels>(), "bench-rgb-" + Guid.NewGuid().ToString("N")[..8],
            new ModelConfig { Width = 0.25, InputChannels = 3 }, "the serving memory benchmark's RGB model");
        await host.StopAsync();
    }

    private static void Row(ServingMemoryResult r, bool reference)
    {
        int bytesPerPixel = r.ColorMode == "Rgb" ? 3 : 1;
        double decoded = 2.0 * r.Concurrency * r.Width * r.Height * bytesPerPixel / 1048576;
        string label = reference ? $"{r.Megapixels:0.0} (reference)" : $"{r.Megapixels:0.0}";
        string seconds = string.Join(", ", r.BurstSeconds.Select(s => s.ToString("0.0", CultureInfo.InvariantCulture)));
        Console.WriteLine($"| {r.ColorMode} | {label} | {r.Concurrency} | {r.FileBytes / 1048576.0:0.00} | {r.BaselineMb:0} | " +
                          $"{r.PeakMb:0} | {r.DeltaMb:0} | {r.DeltaMb / r.Concurrency:0} | {decoded:0} | " +
                          $"{r.ManagedBaselineMb:0} → {r.ManagedPeakMb:0} | {seconds} |");
    }
}
