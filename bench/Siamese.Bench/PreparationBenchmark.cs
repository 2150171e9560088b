using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Siamese.DevStorage;
using Siamese.Functions.LocalHost;
using Siamese.Model.Data;
using Siamese.Model.Recipes;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Uploads;
using Siamese.Storage;
using Siamese.Storage.Datasets;

namespace Siamese.Bench;

/// <summary>
/// Dataset preparation throughput (pairs/s), side by side in one run:
/// (a) through the local functions host against Azurite: upload to raw/ until status.json says ready;
/// (b) the same preparation code (<see cref="ZipInspector"/>, <see cref="DatasetRecipe"/>) in-process on the local
///     zip, chunks in parallel, no storage.
/// Rounds alternate (a) and (b) so machine noise hits both. Each round uploads fresh bytes (a salt entry), so no
/// dataset is reused; (b) prepares the same salted bytes.
/// </summary>
internal static class PreparationBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string zipPath = args.Option("--zip") ?? Path.Combine(Repository.Root, "data", "omniglot", "images_background_small1.zip");
        int pairsPerClass = args.Int("--pairs-per-class", 10);
        int rounds = args.Int("--rounds", 3);
        var options = new PreparationOptions { Pairs = new() { PositivesPerClass = pairsPerClass, NegativesPerClass = pairsPerClass } };

        await using Azurite azurite = await Azurite.StartNewAsync();
        await using var host = LocalFunctionsHost.Create([], new Dictionary<string, string?>
        {
            [StorageNames.Connection] = azurite.ConnectionString,
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Preparation:Pairs:PositivesPerClass"] = $"{pairsPerClass}",
            ["Preparation:Pairs:NegativesPerClass"] = $"{pairsPerClass}",
        });
        await host.StartAsync();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        await blobs.GetBlobContainerClient(StorageNames.RawContainer).CreateIfNotExistsAsync();

        byte[] original = await File.ReadAllBytesAsync(zipPath);
        Console.WriteLine($"Dataset preparation: {Path.GetFileName(zipPath)}, {pairsPerClass} + {pairsPerClass} pairs per class, " +
                          $"{rounds} rounds, {Environment.ProcessorCount} cores");
        var hosted = new List<double>();
        var inProcess = new List<double>();
        int pairs = 0;
        for (int round = 1; round <= rounds; round++)
        {
            byte[] zip = Salted(original, $"round-{round}-{Guid.NewGuid()}");
            (pairs, double local) = InProcess(zip, options);
            inProcess.Add(pairs / local);
            double remote = await ThroughLocalHostAsync(blobs, zip, $"bench-{round}.zip");
            hosted.Add(pairs / remote);
            Console.WriteLine($"round {round}: in-process {pairs / local,8:F0} pairs/s ({local:F2} s)   " +
                              $"local host + Azurite {pairs / remote,8:F0} pairs/s ({remote:F2} s)");
        }
        await host.StopAsync();

        double medianHosted = Median(hosted), medianInProcess = Median(inProcess);
        Console.WriteLine();
        Console.WriteLine("| path | pairs | median pairs/s | rounds (pairs/s) |");
        Console.WriteLine("|---|---:|---:|---|");
        Console.WriteLine($"| in-process, no storage (reference) | {pairs} | {medianInProcess:F0} | {Rounds(inProcess)} |");
        Console.WriteLine($"| local functions host + Azurite | {pairs} | {medianHosted:F0} | {Rounds(hosted)} |");
        Console.WriteLine($"ratio (local host / in-process): {medianHosted / medianInProcess:F2}");
        return 0;
    }

    private static (int Pairs, double Seconds) InProcess(byte[] zip, PreparationOptions options)
    {
        var clock = Stopwatch.StartNew();
        using var stream = new MemoryStream(zip);
        var inspector = new ZipInspector(Options.Create(options));
        ZipInspection inspection = inspector.Inspect(stream, zip.Length, "bench.zip", CancellationToken.None);
        string id = ContentIds.Of(zip);
        TrainingRecipe recipe = TrainingRecipes.Resolve(TrainingRecipes.Default);
        DatasetIndex index = DatasetRecipe.Plan(options, id, "raw/bench.zip", "etag", inspection.Index, recipe);

        stream.Position = 0;
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var images = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, e =>
        {
            using var entry = e.Open();
            var bytes = new byte[e.Length];
            entry.ReadExactly(bytes);
            return bytes;
        });
        int pairs = 0;
        Parallel.For(0, index.Chunks.Count, chunk =>
        {
            IReadOnlyList<ImagePair> chunkPairs = DatasetRecipe.PairsFor(index, chunk);
            byte[] shard = DatasetRecipe.Build(index, chunkPairs, images, options.Limits.MaxImagePixels, CancellationToken.None);
            _ = SHA256.HashData(shard);
            Interlocked.Add(ref pairs, chunkPairs.Count);
        });
        return (pairs, clock.Elapsed.TotalSeconds);
    }

    private static async Task<double> ThroughLocalHostAsync(BlobServiceClient blobs, byte[] zip, string name)
    {
        string id = ContentIds.Of(zip);
        var status = blobs.GetBlobContainerClient(StorageNames.DatasetsContainer).GetBlobClient(DatasetPaths.Status(id));
        var clock = Stopwatch.StartNew();
        await blobs.GetBlobContainerClient(StorageNames.RawContainer).GetBlobClient(name).UploadAsync(new BinaryData(zip));
        while (true)
        {
            if (await status.ExistsAsync())
            {
                BinaryData content = (await status.DownloadContentAsync()).Value.Content;
                var current = JsonSerializer.Deserialize(content.ToMemory().Span, StorageJson.Default.DatasetStatus)!;
                if (current.State == DatasetState.Ready) return clock.Elapsed.TotalSeconds;
                if (current.State == DatasetState.Failed) throw new InvalidOperationException($"{name} failed: {current.Error}");
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(20)) throw new TimeoutException($"{name} was not ready within 20 minutes.");
            await Task.Delay(100);
        }
    }

    /// <summary>The same entries plus a salt entry: new bytes, hence a new dataset id, with the same classes and images.</summary>
    private static byte[] Salted(byte[] zip, string salt)
    {
        using var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var salted = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in source.Entries)
            {
                using Stream from = entry.Open(), to = salted.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
            using var writer = new StreamWriter(salted.CreateEntry("bench-salt.txt").Open());
            writer.Write(salt);
        }
        return buffer.ToArray();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Rounds(List<double> values) => string.Join(", ", values.Select(v => v.ToString("F0")));
}
