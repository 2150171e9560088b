using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Siamese.DevStorage;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Extensions;
using Siamese.Pipeline.Uploads;
using Siamese.Storage;
using Siamese.Storage.Datasets;
using Siamese.Testing;
using Siamese.Testing.Stack;

namespace Siamese.Functions.Tests;

/// <summary>
/// The preparer and the reconciler as services on a real Azurite of their own, with no host and so no trigger: what they
/// enqueue stays in the queue to be counted, and the reconciler's clock is the test's.
/// </summary>
public sealed class UploadReconcilerTests : IAsyncLifetime
{
    private const double GraceSeconds = 60;

    private readonly FakeTimeProvider clock = new();
    private Azurite azurite = null!;
    private IHost services = null!;

    private BlobContainerClient Raw =>
        services.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.RawContainer);

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartNewAsync();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration[StorageNames.Connection] = azurite.ConnectionString;
        builder.Configuration["Reconcile:GraceSeconds"] = $"{GraceSeconds}";
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddPipelineServices();
        services = builder.Build();
        await Raw.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        services.Dispose();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Preparing_one_upload_three_times_at_once_and_once_more_enqueues_its_chunks_once()
    {
        byte[] zip = TestZips.Characters(classes: 20, perClass: 3, salt: "prepared-at-once");  // 16 classes per chunk: 2 chunks
        BlobClient upload = Raw.GetBlobClient("at-once.zip");
        await upload.UploadAsync(new BinaryData(zip));
        var preparer = services.Services.GetRequiredService<DatasetPreparer>();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => preparer.PrepareAsync(upload, "at-once.zip", default))));
        await preparer.PrepareAsync(upload, "at-once.zip", default);

        string id = StackFixture.DatasetIdOf(zip);
        DatasetStatus status = (await services.Services.GetRequiredService<DatasetStatusStore>().ReadAsync(id, default))!;
        Assert.Equal((DatasetState.Building, 2), (status.State, status.ChunksTotal));
        var queue = new QueueClient(azurite.ConnectionString, StorageNames.PrepareChunksQueue,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var chunks = (await queue.PeekMessagesAsync(32)).Value
            .Select(m => JsonSerializer.Deserialize(m.Body.ToMemory().Span, StorageJson.Default.ChunkMessage)!.Chunk)
            .Order();
        Assert.Equal([0, 1], chunks);
        UploadRecord record = (await services.Services.GetRequiredService<UploadRecords>().ReadAsync("at-once.zip", default))!;
        Assert.Equal(id, record.DatasetId);
    }

    [Fact]
    public async Task The_reconciler_leaves_a_young_upload_to_the_trigger_then_prepares_it_once()
    {
        byte[] zip = TestZips.Characters(classes: 3, perClass: 3, salt: "reconciled-once");
        var uploaded = await Raw.GetBlobClient("late.zip").UploadAsync(new BinaryData(zip));
        var reconciler = services.Services.GetRequiredService<UploadReconciler>();

        clock.SetUtcNow(uploaded.Value.LastModified);
        int young = await reconciler.ReconcileAsync(default);
        clock.Advance(TimeSpan.FromSeconds(GraceSeconds + 1));
        int old = await reconciler.ReconcileAsync(default);
        int recorded = await reconciler.ReconcileAsync(default);

        Assert.Equal((0, 1, 0), (young, old, recorded));
        DatasetStatus status = (await services.Services.GetRequiredService<DatasetStatusStore>()
            .ReadAsync(StackFixture.DatasetIdOf(zip), default))!;
        Assert.Equal(("raw/late.zip", DatasetState.Building), (status.Source, status.State));
    }
}
