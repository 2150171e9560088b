using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Development;
using Siamese.DevStorage;
using Siamese.Functions.LocalHost;
using Siamese.Functions.Triggers;
using Siamese.Functions.Triggers.Pipeline;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Network;
using Siamese.Serving.Provider;
using Siamese.Storage;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;
using Xunit;

namespace Siamese.Testing.Stack;

/// <summary>
/// A real Azurite and the local functions host on it, shared by the tests that need prepared datasets. A test assembly
/// shares one through a collection of its own (xunit finds collection definitions only in the test assembly):
/// <c>[CollectionDefinition(StackFixture.Collection)] class PipelineCollection : ICollectionFixture&lt;StackFixture&gt;</c>.
/// </summary>
public class StackFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> settings;

    /// <summary>The name of the test collection that shares one fixture.</summary>
    public const string Collection = "pipeline";

    // The local host's blob polling (WebJobs) takes only blobs modified after the newest Last-Modified it has scanned,
    // and Last-Modified has whole seconds: an upload in the same second as one already scanned can be skipped, and the
    // reconciler would prepare it only minutes later. Uploads from the tests are therefore spaced by more than a second
    // (see docs/troubleshooting.md).
    private static readonly TimeSpan UploadSpacing = TimeSpan.FromSeconds(1.2);

    private WebApplication? host;
    private DateTimeOffset lastUpload = DateTimeOffset.MinValue;

    public StackFixture() : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="settings">Configuration of the functions host on top of the fixture's own, e.g. a recipe profile.</param>
    protected StackFixture(IReadOnlyDictionary<string, string?> settings) => this.settings = settings;

    public Azurite Azurite { get; private set; } = null!;
    public BlobServiceClient Blobs { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider Services => host!.Services;
    public QueueServiceClient Queues { get; private set; } = null!;
    public BlobContainerClient Raw => Blobs.GetBlobContainerClient(StorageNames.RawContainer);
    public BlobContainerClient Datasets => Blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);

    public virtual async Task InitializeAsync()
    {
        Azurite = await Azurite.StartNewAsync();
        Blobs = new BlobServiceClient(Azurite.ConnectionString);
        Queues = new QueueServiceClient(Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await Raw.CreateIfNotExistsAsync();

        var configuration = new Dictionary<string, string?>(settings)
        {
            [StorageNames.Connection] = Azurite.ConnectionString,
            ["urls"] = "http://127.0.0.1:0",
            ["Serving:ReloadIntervalSeconds"] = "1",
            // A failing chunk is delivered again after 1 s, not host.json's 5 (an app setting overrides it, as in Azure).
            [$"{HostJson.OverridePrefix}:{QueueTriggerSettings.Section}:visibilityTimeout"] = "00:00:01",
        };
        host = LocalFunctionsHost.Create([], configuration);
        await host.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(host.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };
    }

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        if (host is not null)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
        await Azurite.DisposeAsync();
    }

    public static string DatasetIdOf(byte[] zip) => ContentIds.Of(zip);

    /// <param name="metadata">Blob metadata of the upload, e.g. a recipe choice (see <see cref="TestRecipes"/>).</param>
    public async Task<string> UploadAsync(string name, byte[] zip, IDictionary<string, string>? metadata = null)
    {
        await SpacedUploadAsync(() =>
            Raw.GetBlobClient(name).UploadAsync(new BinaryData(zip), new BlobUploadOptions { Metadata = metadata }));
        return DatasetIdOf(zip);
    }

    /// <summary>
    /// Runs something that writes to raw/ (an upload through the API or the studio page), spaced from the uploads before
    /// it as <see cref="UploadAsync"/> spaces its own.
    /// </summary>
    public async Task<T> SpacedUploadAsync<T>(Func<Task<T>> upload)
    {
        TimeSpan sinceLast = DateTimeOffset.UtcNow - lastUpload;
        if (sinceLast < UploadSpacing) await Task.Delay(UploadSpacing - sinceLast);
        try
        {
            return await upload();
        }
        finally
        {
            lastUpload = DateTimeOffset.UtcNow;
        }
    }

    public async Task<T?> ReadAsync<T>(string blobName, JsonTypeInfo<T> type) where T : class
    {
        BlobClient blob = Datasets.GetBlobClient(blobName);
        if (!await blob.ExistsAsync()) return null;
        return JsonSerializer.Deserialize((await blob.DownloadContentAsync()).Value.Content.ToMemory().Span, type);
    }

    /// <summary>Polls status.json until it reaches a final state (ready or failed).</summary>
    public async Task<DatasetStatus> WaitForFinalStatusAsync(string datasetId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        DatasetStatus? status = null;
        while (clock.Elapsed < timeout)
        {
            status = await ReadAsync(DatasetPaths.Status(datasetId), StorageJson.Default.DatasetStatus);
            if (status is { IsFinal: true }) return status;
            await Task.Delay(250);
        }
        throw new TimeoutException(
            $"Dataset {datasetId} did not finish within {timeout}; last status: {status?.State.ToString() ?? "none"}.");
    }

    /// <summary>Waits until the blob trigger has completed for raw/{name} (its blob receipt exists).</summary>
    public async Task WaitForBlobReceiptAsync(string name, TimeSpan timeout)
    {
        var receipts = Blobs.GetBlobContainerClient("azure-webjobs-hosts");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await receipts.ExistsAsync())
            {
                await foreach (var item in receipts.GetBlobsAsync(BlobTraits.None, BlobStates.None, "blobreceipts/", default))
                    if (item.Name.EndsWith($"/{StorageNames.RawContainer}/{name}", StringComparison.Ordinal)) return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"raw/{name} was not processed within {timeout}.");
    }

    /// <summary>Waits until a queue holds no visible or invisible message.</summary>
    public async Task WaitForQueueDrainedAsync(string queueName, TimeSpan timeout)
    {
        var queue = Queues.GetQueueClient(queueName);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var properties = await queue.GetPropertiesAsync();
            if (properties.Value.ApproximateMessagesCount == 0) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Queue {queueName} was not drained within {timeout}.");
    }

    /// <summary>
    /// Saves a tiny untrained checkpoint, with any attachments, and promotes it: the model `default` serves (models/served.json).
    /// </summary>
    public Task PublishModelAsync(string runId, params CheckpointAttachment[] attachments) =>
        PublishModelAsync(runId, ModelName.Default, attachments);

    /// <summary>
    /// Saves a tiny untrained checkpoint, with any attachments, and promotes it under <paramref name="model"/> (a new name
    /// exists from then on).
    /// </summary>
    public async Task PublishModelAsync(string runId, string model, params CheckpointAttachment[] attachments)
    {
        await SaveModelAsync(runId, threshold: null, attachments);
        await Services.GetRequiredService<ServedModels>()
            .PromoteRunAsync(model, runId, checkpoint: null, "promoted by a test", CancellationToken.None);
    }

    /// <summary>
    /// Saves a tiny untrained checkpoint as run <paramref name="runId"/>, epoch 1, with a calibrated threshold if given;
    /// serves nothing.
    /// </summary>
    public async Task SaveModelAsync(string runId, DecisionThreshold? threshold, params CheckpointAttachment[] attachments)
    {
        ModelConfig config = CheckpointFixture.Tiny;
        using var network = new SiameseNetwork(config);
        using var optimizer = TorchSharp.torch.optim.Adam(network.parameters());
        var metadata = CheckpointFixture.Metadata(config) with
        {
            RunId = runId,
            ProbeScores = CheckpointProbe.Scores(network),
            Threshold = threshold,
        };
        await Services.GetRequiredService<BlobCheckpointStore>()
            .SaveAsync(network, OptimizerSerializer.ToBytes(optimizer), metadata, isBest: true, attachments, CancellationToken.None);
    }

    /// <summary>
    /// Serves the default model shipped with the app under <paramref name="model"/>, as a roll-back to it would for
    /// `default`, and has the host answer with it from the next request on: for tests that need a trained model whatever
    /// other tests promoted before.
    /// </summary>
    public async Task ServeDefaultModelAsync(string model = ModelName.Default)
    {
        var pointer = new ServedModelPointer(ServedModelPointer.DefaultModel, ServedModelPointer.DefaultModel, 0, "served by a test",
            DateTimeOffset.UtcNow);
        BlobContainerClient models = Blobs.GetBlobContainerClient(StorageNames.ModelsContainer);
        await models.CreateIfNotExistsAsync();
        await Services.GetRequiredService<ResilientStorage>()
            .WriteAsync(models.GetBlobClient(ModelPaths.Served(model)), pointer with { Model = model },
                StorageJson.Default.ServedModelPointer, CancellationToken.None);
        Services.GetRequiredService<ModelProvider>().CheckNow(model);
    }

    public async Task<List<TrainingRequest>> TrainingRequestsAsync()
    {
        var queue = Queues.GetQueueClient(StorageNames.TrainingRequestsQueue);
        if (!await queue.ExistsAsync()) return [];
        var messages = await queue.PeekMessagesAsync(32);
        return messages.Value
            .Select(m => JsonSerializer.Deserialize(m.Body.ToMemory().Span, StorageJson.Default.TrainingRequest)!)
            .ToList();
    }
}
