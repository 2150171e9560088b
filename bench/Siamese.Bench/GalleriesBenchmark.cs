using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.DevStorage;
using Siamese.Model.Checkpoints;
using Siamese.Model.Inference;
using Siamese.Model.Network;
using Siamese.Serving.Galleries;
using Siamese.Storage;
using Siamese.Storage.Extensions;
using static TorchSharp.torch;

namespace Siamese.Bench;

/// <summary>
/// Galleries at a thousand to a million entries in one gallery, against a real Azurite, side by side in one run: at each
/// size, enrolment (8 concurrent clients, each enrolment an image blob and a one-record append) with its throughput and
/// p50/p99; the exact scan (<see cref="GalleryIndex.Nearest"/>, top 64, the scan only) p50/p99; the cache's catch-up when
/// nothing changed; the index's load from the log and its memory (EmbeddingBytes and the managed heap's growth). The
/// gallery grows from one size to the next by bulk appends of many records per block (log records only, no image blobs);
/// embeddings are random. Then 8 clients enrol 10,000 entries into a new gallery and every one is read back, and a log
/// is driven past Azurite's real 50,000-block limit of an append blob. Identify and verify are timed as the service runs
/// them after the query's embedding: the scan, then the shipped model's head on every image of the candidates' identities
/// (identify) or of one identity (verify), combined by <see cref="IdentitySimilarity"/>.
/// </summary>
internal static class GalleriesBenchmark
{
    private const string ModelId = "bench-model/epoch-0001";
    private const int Dimension = 128;
    private const int Clients = 8;
    private const int TopCount = 64;
    private const int RecordsPerBulkAppend = 5_000;

    public static async Task<int> RunAsync(string[] args)
    {
        int[] sizes = args.Doubles("--sizes", 1_000, 100_000, 1_000_000).Select(s => (int)s).ToArray();
        int enrolments = args.Int("--enrolments", 800);
        int queries = args.Int("--queries", 100);
        int catchUps = args.Int("--catch-ups", 200);
        int readBack = args.Int("--read-back", 10_000);
        bool blockLimit = !args.Flag("--no-block-limit");

        Console.WriteLine($"CPU: {CpuDescription()}; {Environment.ProcessorCount} cores; L1 scan vectors: {VectorWidth()}");
        await using Azurite azurite = await Azurite.StartNewAsync();
        using IHost host = StorageHost(azurite.ConnectionString);
        GalleryLog NewLog(GalleryLogOptions? options = null) => new(host.Services.GetRequiredService<BlobServiceClient>(),
            host.Services.GetRequiredService<ResilientStorage>(), Options.Create(options ?? new GalleryLogOptions()), TimeProvider.System);

        const string gallery = "bench";
        GalleryLog writer = NewLog();
        await writer.CreateOrReadHeaderAsync(gallery, "default", default);
        var random = new Random(42);
        // Warm-up, so the first size is not charged with JIT compilation and new connections.
        await EnrolConcurrentlyAsync(writer, "bench-warm-up", "warm-up", 200, new Latencies(), random);
        var (shipped, _) = DefaultModel.Load();
        using SiameseNetwork head = shipped.OptimizeForInference();
        double embedMs = QueryEmbeddingMs(head);
        await MeasureSizeAsync(NewLog, "bench-warm-up", 200, enrolments: 200, queries: 10, catchUps: 10, head, random);
        var rows = new List<SizeRow>();
        int entries = 0;
        foreach (int size in sizes)
        {
            var populate = Stopwatch.StartNew();
            entries = await PopulateAsync(writer, gallery, entries, size, random);
            Console.WriteLine($"populated {entries:N0} entries in {populate.Elapsed.TotalSeconds:0.0} s");
            rows.Add(await MeasureSizeAsync(NewLog, gallery, entries, enrolments, queries, catchUps, head, random));
            entries += enrolments;
            Console.WriteLine(rows[^1]);
        }

        // The smallest size once more, in a gallery of its own after the largest: enrolment's cost does not depend on size,
        // so what differs between the two small rows is the machine's drift, the yardstick for the large rows.
        const string again = "bench-again";
        await writer.CreateOrReadHeaderAsync(again, "default", default);
        int againEntries = await PopulateAsync(writer, again, 0, sizes[0], random);
        rows.Add(await MeasureSizeAsync(NewLog, again, againEntries, enrolments, queries, catchUps, head, random) with
        {
            Note = "(again, last)",
        });
        Console.WriteLine(rows[^1]);

        ReadBackResult read = await EnrolAndReadBackAsync(NewLog(), "bench-read-back", readBack, random);
        BlobContainerClient container = host.Services.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient(StorageNames.GalleriesContainer);
        BlockLimitResult? limit = blockLimit ? await DriveToBlockLimitAsync(NewLog, container, "bench-block-limit") : null;
        Print(rows, read, limit, enrolments, queries, catchUps, embedMs);
        return 0;
    }

    private sealed record SizeRow(
        int Entries,
        double EnrolmentsPerSecond,
        double EnrolP50,
        double EnrolP99,
        double NearestP50,
        double NearestP99,
        double IdentifyP50,
        double IdentifyP99,
        double VerifyP50,
        double VerifyP99,
        double CatchUpP50,
        double CatchUpP99,
        double LoadSeconds,
        long EmbeddingBytes,
        long HeapDeltaBytes)
    {
        /// <summary>What sets the row apart from another of the same size.</summary>
        public string? Note { get; init; }
    }

    private sealed record ReadBackResult(int Enrolled, double Seconds, int RecordsRead, int DistinctRecords, int ImagesRead, int Indexed);

    private sealed record BlockLimitResult(
        int Appends,
        double Seconds,
        int FirstSegmentBlocks,
        bool FirstSealed,
        int Segments,
        int Read,
        int Distinct);

    /// <summary>Bulk appends of many enrolments per block, from <paramref name="from"/> entries to <paramref name="to"/>.</summary>
    private static async Task<int> PopulateAsync(GalleryLog log, string gallery, int from, int to, Random random)
    {
        for (int start = from; start < to; start += RecordsPerBulkAppend)
        {
            int count = Math.Min(RecordsPerBulkAppend, to - start);
            var block = Enumerable.Range(start, count).Select(i => (GalleryChange)Enrolment($"bulk-{i:D7}", random)).ToList();
            await log.AppendAsync(gallery, block, default);
        }
        return to;
    }

    private static async Task<SizeRow> MeasureSizeAsync(
        Func<GalleryLogOptions?, GalleryLog> newLog,
        string gallery,
        int entries,
        int enrolments,
        int queries,
        int catchUps,
        SiameseNetwork head,
        Random random)
    {
        // The index, loaded by a cache of its own (another instance), and what it holds in memory.
        long heapBefore = ManagedHeap();
        var cache = new GalleryIndexCache(newLog(null));
        var load = Stopwatch.StartNew();
        GalleryIndex index = await cache.CurrentAsync(gallery, ModelId, default);
        double loadSeconds = load.Elapsed.TotalSeconds;
        long heapDelta = ManagedHeap() - heapBefore;
        if (index.ImageCount != entries) throw new InvalidOperationException($"The index holds {index.ImageCount:N0} of {entries:N0}.");

        var catchUp = new Latencies();
        for (int i = 0; i < catchUps; i++) await catchUp.TimeAsync(() => cache.CurrentAsync(gallery, ModelId, default));

        var nearest = new Latencies();
        float[][] probes = Enumerable.Range(0, queries + 3).Select(_ => Embedding(random)).ToArray();
        for (int i = 0; i < 3; i++) index.Nearest(probes[i], TopCount); // JIT and caches
        foreach (float[] probe in probes[3..])
        {
            int found = nearest.Time(() => index.Nearest(probe, TopCount).Count);
            if (found != Math.Min(TopCount, entries)) throw new InvalidOperationException($"Nearest found {found}.");
        }

        var identify = new Latencies();
        var verify = new Latencies();
        foreach (float[] probe in probes[3..])
        {
            identify.Time(() => Identify(index, head, probe));
            string label = index.Nearest(probe, 1)[0].Label;
            verify.Time(() => Score(index, head, probe, index.Identity(label)!.ImageIds) >= 0 ? 1 : 0);
        }

        var enrol = new Latencies();
        var clock = Stopwatch.StartNew();
        await EnrolConcurrentlyAsync(newLog(null), gallery, $"size{entries}", enrolments, enrol, random);
        double perSecond = enrolments / clock.Elapsed.TotalSeconds;

        GalleryIndex caughtUp = await cache.CurrentAsync(gallery, ModelId, default);
        if (caughtUp.ImageCount != entries + enrolments)
            throw new InvalidOperationException($"After enrolment the index holds {caughtUp.ImageCount:N0}.");
        GC.KeepAlive(index);
        return new SizeRow(entries, perSecond, enrol.Percentile(0.5), enrol.Percentile(0.99), nearest.Percentile(0.5),
            nearest.Percentile(0.99), identify.Percentile(0.5), identify.Percentile(0.99), verify.Percentile(0.5),
            verify.Percentile(0.99), catchUp.Percentile(0.5), catchUp.Percentile(0.99), loadSeconds, index.EmbeddingBytes, heapDelta);
    }

    /// <summary>As GallerySearch identifies: the scan's 64 nearest, each of their identities scored on all its images.</summary>
    private static int Identify(GalleryIndex index, SiameseNetwork head, float[] probe)
    {
        var labels = index.Nearest(probe, TopCount).Select(n => n.Label).Distinct(StringComparer.Ordinal).ToList();
        var ids = labels.Select(l => index.Identity(l)!.ImageIds).ToList();
        float[] scores = Similarities(index, head, probe, ids.SelectMany(i => i).ToList());
        int at = 0, passed = 0;
        foreach (var identity in ids)
        {
            if (IdentitySimilarity.Of(scores.AsSpan(at, identity.Count).ToArray()) >= 0.5) passed++;
            at += identity.Count;
        }
        return passed;
    }

    private static double Score(GalleryIndex index, SiameseNetwork head, float[] probe, IReadOnlyList<string> imageIds) =>
        IdentitySimilarity.Of(Similarities(index, head, probe, imageIds));

    private static float[] Similarities(GalleryIndex index, SiameseNetwork head, float[] probe, IReadOnlyList<string> imageIds)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return Embeddings.Similarities(head, Embeddings.FromArrays(imageIds.Select(_ => probe).ToList()),
            Embeddings.FromArrays(imageIds.Select(id => index.Embedding(id).ToArray()).ToList()));
    }

    /// <summary>The median time to embed one query image of the shipped model's input size (a constant of every call).</summary>
    private static double QueryEmbeddingMs(SiameseNetwork network)
    {
        using var noGrad = no_grad();
        var times = new Latencies();
        using Tensor image = rand(1, network.Config.InputChannels, network.Config.ImageSize, network.Config.ImageSize);
        for (int i = 0; i < 53; i++)
            times.Time(() =>
            {
                using Tensor embedding = network.Embed(image);
                return (int)embedding.shape[1];
            });
        return times.Percentile(0.5);
    }

    /// <summary>Clients enrolling one entry at a time, as the service will: the image's bytes, then its record.</summary>
    private static Task EnrolConcurrentlyAsync(GalleryLog log, string gallery, string prefix, int total, Latencies latencies, Random random)
    {
        float[][] embeddings = Enumerable.Range(0, total).Select(_ => Embedding(random)).ToArray();
        byte[] image = new byte[1024];
        random.NextBytes(image);
        return Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (int i = client; i < total; i += Clients)
            {
                string id = $"{prefix}-{i:D6}";
                await latencies.TimeAsync(async () =>
                {
                    await log.PutImageAsync(gallery, id, image, default);
                    await log.AppendAsync(gallery, [Enrolment(id, embeddings[i])], default);
                });
            }
        })));
    }

    private static async Task<ReadBackResult> EnrolAndReadBackAsync(GalleryLog log, string gallery, int total, Random random)
    {
        await log.CreateOrReadHeaderAsync(gallery, "default", default);
        var clock = Stopwatch.StartNew();
        await EnrolConcurrentlyAsync(log, gallery, "entry", total, new Latencies(), random);
        double seconds = clock.Elapsed.TotalSeconds;

        LogRead read = await log.ReadSinceAsync(gallery, LogPosition.Start, default);
        var ids = read.Changes.OfType<ImageEnrolled>().Select(e => e.ImageId).ToList();
        int images = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (id, ct) =>
        {
            if ((await log.ReadImageAsync(gallery, id, ct)).Length == 1024) Interlocked.Increment(ref images);
        });
        GalleryIndex index = await new GalleryIndexCache(log).CurrentAsync(gallery, ModelId, default);
        return new ReadBackResult(total, seconds, ids.Count, ids.Distinct().Count(), images, index.ImageCount);
    }

    /// <summary>
    /// Appends past Azurite's real limit of 50,000 blocks per append blob with no roll-over of the log's own, so the
    /// writers meet the service's refusal (409 BlockCountExceedsLimit) and roll over on it.
    /// </summary>
    private static async Task<BlockLimitResult> DriveToBlockLimitAsync(
        Func<GalleryLogOptions?, GalleryLog> newLog,
        BlobContainerClient container,
        string gallery)
    {
        const int appends = GalleryLogOptions.AppendBlobBlockLimit + 200;
        var clock = Stopwatch.StartNew();
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            GalleryLog log = newLog(new GalleryLogOptions { MaxBlocksPerSegment = int.MaxValue });
            for (int i = Interlocked.Increment(ref next); i < appends; i = Interlocked.Increment(ref next))
                await log.AppendAsync(gallery, [new ImageRemoved(i.ToString("D6", CultureInfo.InvariantCulture))], default);
        })));
        double seconds = clock.Elapsed.TotalSeconds;
        LogRead read = await newLog(null).ReadSinceAsync(gallery, LogPosition.Start, default);
        int distinct = read.Changes.Cast<ImageRemoved>().Select(r => r.ImageId).Distinct().Count();
        BlobProperties first = (await container.GetBlobClient($"{gallery}/log/000000").GetPropertiesAsync()).Value;
        return new BlockLimitResult(appends, seconds, first.BlobCommittedBlockCount, first.IsSealed, read.Position.Segment + 1,
            read.Changes.Count, distinct);
    }

    private static void Print(List<SizeRow> rows, ReadBackResult read, BlockLimitResult? limit, int enrolments, int queries, int catchUps,
        double embedMs)
    {
        Console.WriteLine();
        Console.WriteLine($"Galleries: one gallery at each size; {enrolments} enrolments by {Clients} concurrent clients, {queries} " +
                          $"queries (top {TopCount}, the scan only), {catchUps} catch-ups with nothing changed; {Dimension}-float " +
                          "random embeddings; ms unless marked");
        Console.WriteLine();
        Console.WriteLine($"Embedding one query image (shipped model, {Environment.ProcessorCount} cores): {embedMs:0.00} ms p50, " +
                          "before identify and verify.");
        Console.WriteLine("| entries | enrolments/s (8 clients) | enrolment p50 / p99 | Nearest top-64 p50 / p99 | identify p50 / p99 | " +
                          "verify p50 / p99 | catch-up, nothing changed, p50 / p99 | index load from the log | EmbeddingBytes | " +
                          "managed heap growth |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (SizeRow row in rows)
            Console.WriteLine(
                $"| {row.Entries:N0}{(row.Note is null ? "" : " " + row.Note)} | {row.EnrolmentsPerSecond:0} | " +
                $"{row.EnrolP50:0.0} / {row.EnrolP99:0.0} | " +
                $"{row.NearestP50:0.00} / {row.NearestP99:0.00} | {row.IdentifyP50:0.00} / {row.IdentifyP99:0.00} | " +
                $"{row.VerifyP50:0.00} / {row.VerifyP99:0.00} | {row.CatchUpP50:0.00} / {row.CatchUpP99:0.00} | " +
                $"{row.LoadSeconds:0.0} s | {row.EmbeddingBytes / 1048576.0:0.0} MiB | {row.HeapDeltaBytes / 1048576.0:0.0} MiB |");
        if (rows.Count > 2)
        {
            SizeRow smallest = rows[0], largest = rows[^2], again = rows[^1];
            double perMillion = 1_000_000.0 / largest.Entries;
            Console.WriteLine();
            Console.WriteLine(
                $"Enrolment throughput at {largest.Entries:N0} is {100 * largest.EnrolmentsPerSecond / smallest.EnrolmentsPerSecond:0} % " +
                $"of that at {smallest.Entries:N0} first and {100 * largest.EnrolmentsPerSecond / again.EnrolmentsPerSecond:0} % of " +
                $"that at {again.Entries:N0} last; memory per million entries: EmbeddingBytes " +
                $"{largest.EmbeddingBytes * perMillion / 1048576.0:0} MiB, " +
                $"managed heap {largest.HeapDeltaBytes * perMillion / 1048576.0:0} MiB.");
        }
        Console.WriteLine();
        Console.WriteLine(
            $"Read-back: {read.Enrolled:N0} entries enrolled by {Clients} clients in {read.Seconds:0.0} s " +
            $"({read.Enrolled / read.Seconds:0}/s); read back: {read.RecordsRead:N0} records ({read.DistinctRecords:N0} distinct), " +
            $"{read.ImagesRead:N0} images, {read.Indexed:N0} in the index.");
        if (limit is not null)
            Console.WriteLine(
                $"Block limit: {limit.Appends:N0} one-record appends by {Clients} clients in {limit.Seconds:0} s; segment 0 holds " +
                $"{limit.FirstSegmentBlocks:N0} blocks (sealed: {limit.FirstSealed}), {limit.Segments} segments; read back " +
                $"{limit.Read:N0} records, {limit.Distinct:N0} distinct.");
    }

    private static ImageEnrolled Enrolment(string id, Random random) => Enrolment(id, Embedding(random));

    private static ImageEnrolled Enrolment(string id, float[] embedding) => new(
        id, $"label-{id.GetHashCode(StringComparison.Ordinal) & 0xFFFF:D5}", new string('0', 64), ModelId, embedding,
        DateTimeOffset.UtcNow);

    private static float[] Embedding(Random random)
    {
        var values = new float[Dimension];
        for (int i = 0; i < Dimension; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    private static long ManagedHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static IHost StorageHost(string connectionString)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration[StorageNames.Connection] = connectionString;
        builder.Logging.ClearProviders();
        builder.AddStorage();
        return builder.Build();
    }

    private static string CpuDescription()
    {
        string info = File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : "";
        string Field(string name) =>
            info.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var flags = Field("flags").Split(' ').ToHashSet();
        return $"{Field("model name")} ({string.Join(", ", new[] { "avx2", "fma", "avx512f" }.Where(flags.Contains))})";
    }

    private static string VectorWidth() =>
        Vector512.IsHardwareAccelerated ? "512-bit" : Vector256.IsHardwareAccelerated ? "256-bit" : "128-bit";
}
