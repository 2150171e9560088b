using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Development;
using Siamese.DevStorage;
using Siamese.Functions.LocalHost;
using Siamese.Model.Network;
using Siamese.Serving.Comparison;
using Siamese.Serving.Contracts;
using Siamese.Serving.Provider;
using Siamese.Storage;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Bench;

/// <summary>
/// The compare API, side by side in one run: (a) single-pair latency over HTTP through the local host vs the
/// in-process forward pass of the same model on the same (preprocessed) images; (b) HTTP with a cold embedding cache
/// (new images each request) vs a warm one (the same images again); (c) a load run: concurrent clients, a fixed
/// number of requests, a new checkpoint published after a third of them: requests/s, p50, p99, failures.
/// </summary>
internal static class ServingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int requests = args.Int("--requests", 1500);
        int clients = args.Int("--clients", 8);
        const int rounds = 200;

        await using Azurite azurite = await Azurite.StartNewAsync();
        await using var host = LocalFunctionsHost.Create([], new Dictionary<string, string?>
        {
            [StorageNames.Connection] = azurite.ConnectionString,
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Serving:ReloadIntervalSeconds"] = "1",
        });
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.Urls.First()) };

        // Distinct images: Omniglot characters, each re-encoded with a marker pixel so no two share a cache key.
        var pool = UniqueImages.Of(SampleImages.SomeCharacters(40).Select(c => c.Bytes).ToList(), Math.Max(rounds * 2 + 2, 2 * requests));
        await CompareClient.PostAsync(http, pool[0], pool[1]); // warm-up: model loaded, JIT done

        var model = host.Services.GetRequiredService<ModelProvider>();
        var embedder = host.Services.GetRequiredService<Embedder>();
        var inProcess = new List<double>();
        var httpCold = new List<double>();
        var httpWarm = new List<double>();
        for (int i = 0; i < rounds; i++)
        {
            byte[] a = pool[2 + 2 * i], b = pool[3 + 2 * i];
            inProcess.Add(ForwardPass(model, embedder, a, b));                        // uncached, in-process
            httpCold.Add(await TimeAsync(() => CompareClient.PostAsync(http, b, a)));              // first time these bytes are seen
            httpWarm.Add(await TimeAsync(() => CompareClient.PostAsync(http, b, a)));              // the same bytes: cached embeddings
        }

        Console.WriteLine($"Serving: default model, {rounds} rounds, {Environment.ProcessorCount} cores");
        Console.WriteLine("| path | p50 ms | p99 ms | mean ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("in-process forward pass (preprocess + embed both + head), reference", inProcess);
        Row("HTTP compare, cold cache (new images)", httpCold);
        Row("HTTP compare, warm cache (same images again)", httpWarm);
        Console.WriteLine($"ratio HTTP cold / in-process (p50): {Percentile(httpCold, 50) / Percentile(inProcess, 50):F2}; " +
                          $"warm / cold (p50): {Percentile(httpWarm, 50) / Percentile(httpCold, 50):F2}");

        await LoadAsync(http, host.Services.GetRequiredService<BlobCheckpointStore>(), host.Services.GetRequiredService<ServedModels>(),
            pool, requests, clients);
        await host.StopAsync();
        return 0;
    }

    /// <summary>What the API does for one pair, without HTTP: decode, preprocess, embed both (no cache), head.</summary>
    private static double ForwardPass(ModelProvider models, Embedder embedder, byte[] a, byte[] b)
    {
        using var lease = models.AcquireAsync(ModelName.Default, CancellationToken.None).GetAwaiter().GetResult();
        var clock = Stopwatch.StartNew();
        var uploads = new[] { new ImageUpload("a", [.. a, 0]), new ImageUpload("b", [.. b, 0]) }; // one extra byte: never in the cache
        var embeddings = embedder.Embed(lease.Model, uploads, CancellationToken.None);
        Embedder.Similarities(lease.Model, [embeddings[0]], [embeddings[1]]);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task LoadAsync(HttpClient http, BlobCheckpointStore store, ServedModels served, IReadOnlyList<byte[]> pool,
        int requests, int clients)
    {
        var latencies = new ConcurrentBag<double>();
        var runIds = new ConcurrentBag<string>();
        int failures = 0, issued = 0;
        string newRun = "bench-" + Guid.NewGuid().ToString("N")[..8];
        long memoryBefore = Process.GetCurrentProcess().WorkingSet64;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            for (int i = Interlocked.Increment(ref issued); i <= requests; i = Interlocked.Increment(ref issued))
            {
                if (i == requests / 3)
                {
                    await CheckpointPublisher.PublishAsync(
                        store, served, newRun, new ModelConfig { Width = 0.125 }, "the benchmark's swap");
                }
                var started = Stopwatch.StartNew();
                try
                {
                    // New images for every request (cold cache): the load is the backbone, not the cache.
                    CompareResponse answer =
                        await CompareClient.PostAsync(http, pool[(2 * i) % pool.Count], pool[(2 * i + 1) % pool.Count]);
                    latencies.Add(started.Elapsed.TotalMilliseconds);
                    runIds.Add(answer.Model.RunId);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        double seconds = clock.Elapsed.TotalSeconds;
        var sorted = latencies.ToList();
        Console.WriteLine();
        Console.WriteLine($"Load: {clients} clients, {requests} requests with new images each (cold cache), " +
                          $"checkpoint {newRun} published after {requests / 3}:");
        Console.WriteLine($"{requests / seconds:F1} requests/s, p50 {Percentile(sorted, 50):F1} ms, p99 {Percentile(sorted, 99):F1} ms, " +
                          $"failures {failures}, answers by the new model {runIds.Count(r => r == newRun)}");
        Console.WriteLine($"working set (host, Azurite excluded) {memoryBefore >> 20} MB before, " +
                          $"{Process.GetCurrentProcess().WorkingSet64 >> 20} MB after");
    }

    private static async Task<double> TimeAsync(Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        await call();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static void Row(string name, List<double> values) =>
        Console.WriteLine($"| {name} | {Percentile(values, 50):F2} | {Percentile(values, 99):F2} | {values.Average():F2} |");

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}
