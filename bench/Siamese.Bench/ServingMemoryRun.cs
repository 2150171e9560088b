using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Development;
using Siamese.Functions.LocalHost;
using Siamese.Serving.Provider;
using Siamese.Storage;
using Siamese.Storage.Promotion;
using SixLabors.ImageSharp;

namespace Siamese.Bench;

/// <summary>
/// One configuration of <see cref="ServingMemoryBenchmark"/>, in a process of its own: the local functions host (the
/// function classes the Azure app binds) on the given storage, a warm-up compare with two small images (model loaded,
/// code compiled), then bursts of N concurrent POST /api/compare, each with two new copies of the given image. Before
/// each burst: a full GC, the resident size (baseline) and a reset of the peak (VmHWM); after it, the peak. The managed
/// heap is sampled every 2 ms meanwhile. Prints one line "RESULT {json}".
/// </summary>
internal static class ServingMemoryRun
{
    public const string Command = "serving-memory-run";
    public const string ResultPrefix = "RESULT ";

    public static async Task<int> RunAsync(string[] args)
    {
        string storage = args.Option("--storage") ?? throw new ArgumentException("--storage <connection string> is required");
        byte[] photo = await File.ReadAllBytesAsync(args.Option("--image") ?? throw new ArgumentException("--image <file> is required"));
        int concurrency = args.Int("--concurrency", 1), bursts = args.Int("--bursts", 2);
        var info = Image.Identify(photo);

        // Enough pool threads that the N requests (and each one's two parallel decodes) overlap from the first burst:
        // the worst case, which an instance reaches anyway once its thread pool has grown under load.
        ThreadPool.GetMinThreads(out int workers, out int completion);
        ThreadPool.SetMinThreads(Math.Max(workers, 4 * concurrency + 4), completion);

        await using var host = LocalFunctionsHost.Create([], new Dictionary<string, string?>
        {
            [StorageNames.Connection] = storage,
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            // The image is let in whatever the default cap: the benchmark measures what a cap would let through.
            ["Serving:MaxImagePixels"] = ((long)info.Width * info.Height).ToString(CultureInfo.InvariantCulture),
        });
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.Urls.First()), Timeout = TimeSpan.FromMinutes(10) };
        var characters = SampleImages.SomeCharacters(2).Select(c => c.Bytes).ToList();
        await CompareClient.PostAsync(http, characters[0], characters[1]);
        string colorMode;
        var models = host.Services.GetRequiredService<ModelProvider>();
        using (var lease = await models.AcquireAsync(ModelName.Default, CancellationToken.None))
            colorMode = lease.Model.ColorMode.ToString();

        double baseline = 0, peak = 0, managedBaseline = 0, managedPeak = 0;
        var seconds = new List<double>();
        bool reset = true;
        for (int burst = 0; burst < bursts; burst++)
        {
            List<byte[]> images = UniqueImages.Of([photo], 2 * concurrency, salt: burst * 2 * concurrency);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            if (burst == 0)
            {
                baseline = ProcessMemory.ResidentMegabytes();
                managedBaseline = GC.GetTotalMemory(forceFullCollection: false) / 1048576.0;
            }
            reset &= ProcessMemory.TryResetPeak();
            using var sampler = new ManagedHeapSampler(TimeSpan.FromMilliseconds(2));
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency)
                .Select(i => CompareClient.PostAsync(http, images[2 * i], images[2 * i + 1])));
            seconds.Add(clock.Elapsed.TotalSeconds);
            peak = Math.Max(peak, ProcessMemory.PeakResidentMegabytes());
            managedPeak = Math.Max(managedPeak, sampler.Stop());
        }
        await host.StopAsync();

        var result = new ServingMemoryResult(info.Width, info.Height, photo.Length, concurrency, colorMode,
            baseline, peak, managedBaseline, managedPeak, [.. seconds], reset);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }
}
