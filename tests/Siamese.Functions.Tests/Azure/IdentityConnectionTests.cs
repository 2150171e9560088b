using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Siamese.DevStorage;
using Siamese.Model.Data;
using Siamese.Serving.Contracts;
using Siamese.Storage;
using Siamese.Storage.Datasets;
using Siamese.Testing;
using Siamese.Testing.Identity;

namespace Siamese.Functions.Tests.Azure;

/// <summary>
/// The identity path, end to end against a real server: Azurite over HTTPS checking OAuth bearer tokens, and the local
/// functions host and the trainer as separate processes configured as infra/ configures the function app and the
/// trainer job (service URIs, credential=managedidentity, the identity's client id). Their tokens come through
/// Azure.Identity's ManagedIdentityCredential from a token endpoint such as App Service and Container Apps provide.
/// Two settings differ from Azure, and only where a local run must: the host's own storage (AzureWebJobsStorage) names
/// Azurite's URIs instead of an account name, and the trainer trains on the CPU (no GPU here).
/// </summary>
public sealed class IdentityConnectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    private IdentityStorage storage = null!;

    public async Task InitializeAsync() => storage = await IdentityStorage.StartAsync(AzureSettings.ClientId);

    public async Task DisposeAsync() => await storage.DisposeAsync();

    [Fact]
    public async Task Azurite_refuses_a_token_for_another_audience()
    {
        var client = new BlobServiceClient(storage.Azurite.Endpoints.BlobServiceUri, Token("https://vault.azure.net"), BlobOptions());

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetPropertiesAsync());

        Assert.Contains(refused.Status, new[] { 401, 403 });
    }

    [Fact]
    public async Task Hosts_configured_as_in_azure_prepare_an_upload_train_it_and_compare_by_identity()
    {
        var blobs = new BlobServiceClient(storage.Azurite.Endpoints.BlobServiceUri, Token(StorageTokens.Audience), BlobOptions());
        int port = LoopbackPort.Free();
        await using AppProcess functions = AppProcess.Start(BuiltApps.LocalHostDll, [], FunctionAppEnvironment(port));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(1) };
        await WaitUntilHealthyAsync(http, functions);

        // Preparation: an upload in raw/ becomes a ready dataset and a training request.
        byte[] zip = TestZips.Characters(12, 6, "identity-path");
        BlobContainerClient raw = blobs.GetBlobContainerClient(StorageNames.RawContainer);
        await raw.CreateIfNotExistsAsync();
        await raw.GetBlobClient("identity-path.zip")
            .UploadAsync(new BinaryData(zip), new BlobUploadOptions { Metadata = TestRecipes.Original(epochs: 1) });
        DatasetStatus status = await WaitForFinalStatusAsync(blobs, ContentIds.Of(zip), functions);
        Assert.True(status.State == DatasetState.Ready, $"{status.State}: {status.Error?.Message}\n{functions.Output}");

        // A training request: the trainer job's command, one request, then it exits.
        await using AppProcess trainer = AppProcess.Start(BuiltApps.TrainerDll, ["watch", "--max-requests", "1"], TrainerEnvironment());
        int exitCode = await trainer.WaitForExitAsync(Bound);
        Assert.True(exitCode == 0, trainer.Output);
        Assert.Contains("Handled 1 training request", trainer.Output);
        Assert.NotEmpty(await ListAsync(blobs.GetBlobContainerClient(StorageNames.ModelsContainer), "/epoch-0001/"));

        // A compare: the served model is read from storage by identity.
        var (first, second) = (SampleImages.SomeCharacters(2)[0].Bytes, SampleImages.SomeCharacters(2)[1].Bytes);
        HttpResponseMessage response = await http.PostAsync("/api/compare", CompareForms.Pair(first, second));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync() + "\n" + functions.Output);
        CompareResponse compared = (await response.Content.ReadFromJsonAsync<CompareResponse>())!;
        Assert.InRange(compared.Similarity, 0, 1);

        int tokens = storage.Identity.Issued.GetValueOrDefault(StorageTokens.Audience);
        Assert.True(tokens >= 2, "tokens issued: " + JsonSerializer.Serialize(storage.Identity.Issued));
    }

    private IEnumerable<KeyValuePair<string, string?>> FunctionAppEnvironment(int port)
    {
        AzuriteEndpoints endpoints = storage.Azurite.Endpoints;
        Dictionary<string, string?> settings = AzureSettings.FunctionApp(endpoints.BlobServiceUri, endpoints.QueueServiceUri);
        settings.Remove("AzureWebJobsStorage__accountName"); // an account name means *.core.windows.net: Azurite's URIs instead
        settings["AzureWebJobsStorage__blobServiceUri"] = endpoints.BlobServiceUri.ToString();
        settings["AzureWebJobsStorage__queueServiceUri"] = endpoints.QueueServiceUri.ToString();
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        settings["Serving__ReloadIntervalSeconds"] = "1";
        return [.. settings, .. ProcessEnvironment()];
    }

    private IEnumerable<KeyValuePair<string, string?>> TrainerEnvironment()
    {
        AzuriteEndpoints endpoints = storage.Azurite.Endpoints;
        Dictionary<string, string?> settings = AzureSettings.TrainerJob(endpoints.BlobServiceUri, endpoints.QueueServiceUri);
        Assert.Equal("cuda", settings["Training__Device"]);
        settings["Training__Device"] = "cpu"; // no GPU here
        return [.. settings, .. ProcessEnvironment()];
    }

    /// <summary>What the platform gives the process, and no connection string that would stand in for the identity.</summary>
    private IEnumerable<KeyValuePair<string, string?>> ProcessEnvironment() =>
    [
        .. storage.ProcessEnvironment,
        KeyValuePair.Create("Storage", (string?)null),
        KeyValuePair.Create("AzureWebJobsStorage", (string?)null),
    ];

    private BlobClientOptions BlobOptions() => new() { Transport = new HttpClientTransport(storage.Certificate.TrustingHandler()) };

    private static TokenCredential Token(string audience) =>
        DelegatedTokenCredential.Create((_, _) =>
            new AccessToken(StorageTokens.Create("test-client", TimeSpan.FromHours(1), audience), DateTimeOffset.UtcNow.AddHours(1)));

    private static async Task WaitUntilHealthyAsync(HttpClient http, AppProcess host)
    {
        var until = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTimeOffset.UtcNow < until)
        {
            if (host.HasExited) throw new InvalidOperationException($"The functions host exited:\n{host.Output}");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The functions host did not become healthy:\n{host.Output}");
    }

    private static async Task<DatasetStatus> WaitForFinalStatusAsync(BlobServiceClient blobs, string datasetId, AppProcess host)
    {
        BlobClient blob = blobs.GetBlobContainerClient(StorageNames.DatasetsContainer).GetBlobClient(DatasetPaths.Status(datasetId));
        var until = DateTimeOffset.UtcNow + Bound;
        while (DateTimeOffset.UtcNow < until)
        {
            if (await blob.ExistsAsync())
            {
                var status = JsonSerializer.Deserialize((await blob.DownloadContentAsync()).Value.Content.ToMemory().Span,
                    StorageJson.Default.DatasetStatus)!;
                if (status.IsFinal) return status;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Dataset {datasetId} was not prepared within {Bound}:\n{host.Output}");
    }

    private static async Task<List<string>> ListAsync(BlobContainerClient container, string contains)
    {
        var names = new List<string>();
        await foreach (BlobItem item in container.GetBlobsAsync())
            if (item.Name.Contains(contains, StringComparison.Ordinal)) names.Add(item.Name);
        return names;
    }

}
