using System.Diagnostics;
using System.IO.Compression;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Siamese.DevStorage;
using Siamese.Functions.LocalHost;
using Siamese.Model.Data;
using Siamese.Serving.Provider;
using Siamese.Storage;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;
using Siamese.Testing;
using Siamese.Testing.Stack;

namespace Siamese.Functions.Tests;

/// <summary>
/// The reconciler on the real local host and a real Azurite of its own, with the blob trigger switched off by the setting
/// the Functions host and WebJobs both honour (AzureWebJobs.PrepareDataset.Disabled): every upload is one the trigger missed.
/// Such a host also shows what an instance that only prepares datasets loads: no model until it answers HTTP.
/// </summary>
public sealed class ReconcileUploadsTests : IAsyncLifetime
{
    private Azurite azurite = null!;
    private WebApplication host = null!;
    private BlobServiceClient blobs = null!;

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartNewAsync();
        blobs = new BlobServiceClient(azurite.ConnectionString);
        host = LocalFunctionsHost.Create([], new Dictionary<string, string?>
        {
            [StorageNames.Connection] = azurite.ConnectionString,
            ["urls"] = "http://127.0.0.1:0",
            ["AzureWebJobs.PrepareDataset.Disabled"] = "true",
            // The schedule comes from the setting the timer names (%Reconcile:Schedule%): every 2 seconds here.
            ["Reconcile:Schedule"] = "*/2 * * * * *",
            ["Reconcile:GraceSeconds"] = "1",
        });
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        await host.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task An_upload_the_trigger_missed_becomes_a_ready_dataset_through_the_reconciler_alone()
    {
        byte[] zip = TestZips.Characters(classes: 3, perClass: 3, salt: "missed-by-the-trigger");
        string id = StackFixture.DatasetIdOf(zip);
        BlobClient upload = blobs.GetBlobContainerClient(StorageNames.RawContainer).GetBlobClient("missed.zip");
        await upload.UploadAsync(new BinaryData(zip), new BlobUploadOptions { Metadata = TestRecipes.Original() });

        DatasetStatus status = await WaitForFinalStatusAsync(id, TimeSpan.FromSeconds(90));

        Assert.Equal((DatasetState.Ready, "raw/missed.zip"), (status.State, status.Source));
        // The original's pairs: each class's chain of 2 positives and the negatives its rows met in the shuffle.
        using (var archive = new ZipArchive(new MemoryStream(zip)))
            Assert.Equal(new PairSampler(new PairSamplingOptions(), 42, PairSelection.ListingOrder)
                .Sample(ClassIndex.Build(archive.Entries.Select(e => e.FullName)).Classes).Count, status.Pairs);
        UploadRecord record = (await ReadAsync(DatasetPaths.UploadRecord("missed.zip"), StorageJson.Default.UploadRecord))!;
        string etag = UploadRecords.Normalize((await upload.GetPropertiesAsync()).Value.ETag);
        Assert.Equal(("raw/missed.zip", etag, id, UploadOutcome.Prepared), (record.Upload, record.ETag, record.DatasetId, record.Outcome));
        Assert.False(await BlobTriggerRanAsync("missed.zip"), "the blob trigger was to be switched off");
    }

    [Fact]
    public async Task A_host_that_only_prepares_datasets_never_loads_the_model_until_it_answers_an_http_request()
    {
        byte[] zip = TestZips.Characters(classes: 4, perClass: 3, salt: "preparation-only");
        string id = StackFixture.DatasetIdOf(zip);
        await blobs.GetBlobContainerClient(StorageNames.RawContainer).GetBlobClient("prepared-only.zip")
            .UploadAsync(new BinaryData(zip), new BlobUploadOptions { Metadata = TestRecipes.Original() });

        Assert.Equal(DatasetState.Ready, (await WaitForFinalStatusAsync(id, TimeSpan.FromSeconds(90))).State);
        var models = host.Services.GetRequiredService<ModelProvider>();
        var warmUp = host.Services.GetRequiredService<ModelWarmUp>();
        Assert.Empty(models.LoadedNames);
        Assert.Null(warmUp.Warming);

        using var http = new HttpClient { BaseAddress = new Uri(host.Urls.First()) };
        (await http.GetAsync(new Uri("/api/models", UriKind.Relative))).EnsureSuccessStatusCode();
        await warmUp.Warming!.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal([ModelName.Default], models.LoadedNames);
    }

    /// <summary>Whether the blob trigger completed for raw/{name}: WebJobs writes a blob receipt when it has.</summary>
    private async Task<bool> BlobTriggerRanAsync(string name)
    {
        BlobContainerClient receipts = blobs.GetBlobContainerClient("azure-webjobs-hosts");
        if (!await receipts.ExistsAsync()) return false;
        await foreach (BlobItem item in receipts.GetBlobsAsync(BlobTraits.None, BlobStates.None, "blobreceipts/", default))
            if (item.Name.EndsWith($"/{StorageNames.RawContainer}/{name}", StringComparison.Ordinal)) return true;
        return false;
    }

    private async Task<DatasetStatus> WaitForFinalStatusAsync(string datasetId, TimeSpan timeout)
    {
        DatasetStatus? status = null;
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < timeout; await Task.Delay(250))
        {
            status = await ReadAsync(DatasetPaths.Status(datasetId), StorageJson.Default.DatasetStatus);
            if (status is { IsFinal: true }) return status;
        }
        throw new TimeoutException(
            $"Dataset {datasetId} did not finish within {timeout}; last status: {status?.State.ToString() ?? "none"}.");
    }

    private async Task<T?> ReadAsync<T>(string blobName, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        BlobClient blob = blobs.GetBlobContainerClient(StorageNames.DatasetsContainer).GetBlobClient(blobName);
        if (!await blob.ExistsAsync()) return null;
        return System.Text.Json.JsonSerializer.Deserialize((await blob.DownloadContentAsync()).Value.Content.ToMemory().Span, type);
    }
}
