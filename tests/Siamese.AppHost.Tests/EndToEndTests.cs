using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Azure.Storage.Blobs;
using Siamese.Tests;

namespace Siamese.AppHost.Tests;

/// <summary>The whole life cycle through the AppHost: zip in raw → dataset → trainer checkpoint → compare answers with it.</summary>
public class EndToEndTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_zip_dropped_in_raw_is_prepared_trained_and_served()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Siamese_AppHost>(
        [
            "--Trainer:Environment:Model__Width=0.0625",
            "--Trainer:Environment:Model__BlocksPerStage=1,1,1,1",
            "--Trainer:Environment:Training__Epochs=1",
            "--Trainer:Environment:Training__ValidationTrials=20",
        ]);
        await using DistributedApplication app = await builder.BuildAsync();
        await app.StartAsync();
        await app.ResourceNotifications.WaitForResourceHealthyAsync("functions").WaitAsync(Bound);

        var blobs = new BlobServiceClient(ConnectionString(app));
        byte[] zip = TestZips.Characters(12, 6, "end-to-end-" + Guid.NewGuid());
        string datasetId = Convert.ToHexStringLower(SHA256.HashData(zip))[..16];
        await blobs.GetBlobContainerClient("raw").CreateIfNotExistsAsync();
        await blobs.GetBlobContainerClient("raw").GetBlobClient($"end-to-end-{datasetId}.zip").UploadAsync(new BinaryData(zip));

        string status = await WaitForAsync(async () =>
        {
            string? text = await ReadAsync(blobs, "datasets", $"{datasetId}/status.json");
            return text is not null && (text.Contains("\"ready\"", StringComparison.OrdinalIgnoreCase) || text.Contains("\"failed\"", StringComparison.OrdinalIgnoreCase)) ? text : null;
        });
        Assert.Contains("\"ready\"", status, StringComparison.OrdinalIgnoreCase);

        string runId = await WaitForAsync(async () =>
        {
            string? latest = await ReadAsync(blobs, "models", "latest.json");
            if (latest is null) return null;
            string run = JsonDocument.Parse(latest).RootElement.GetProperty("runId").GetString()!;
            return run.StartsWith(datasetId, StringComparison.Ordinal) ? run : null;
        });

        using HttpClient http = app.CreateHttpClient("functions");
        var images = TestData.SomeCharacters(2);
        string answeredBy = await WaitForAsync(async () =>
        {
            using var form = CompareForms.Pair(images[0].Bytes, images[1].Bytes);
            using var response = await http.PostAsync("/api/compare", form);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            string run = answer.GetProperty("model").GetProperty("runId").GetString()!;
            return run == runId ? run : null;
        });
        Assert.Equal(runId, answeredBy);

        // The served model's pictures, linked from the dashboard: the trainer stored them with the checkpoint.
        using var report = await http.GetAsync("/api/models/current/report.html");
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"run {runId}, epoch-0001 (validation)", await report.Content.ReadAsStringAsync());
        using var curves = await http.GetAsync("/api/models/current/curves.png");
        Assert.Equal("image/png", curves.Content.Headers.ContentType?.MediaType);
        var links = await app.ResourceNotifications.WaitForResourceAsync("functions",
            e => e.Snapshot.Urls.Count(u => u.Url.EndsWith("/api/models/current/report.html", StringComparison.Ordinal) || u.Url.EndsWith("/api/models/current/curves.png", StringComparison.Ordinal)) == 2)
            .WaitAsync(Bound);
        Assert.NotNull(links);
    }

    /// <summary>The connection string the AppHost gives its services.</summary>
    private static string ConnectionString(DistributedApplication app) =>
        Extensions.AzuriteConnectionString(app.GetEndpoint("azurite", "blob").Port, app.GetEndpoint("azurite", "queue").Port, app.GetEndpoint("azurite", "table").Port);

    private static async Task<string?> ReadAsync(BlobServiceClient blobs, string container, string name)
    {
        BlobClient blob = blobs.GetBlobContainerClient(container).GetBlobClient(name);
        return await blob.ExistsAsync() ? (await blob.DownloadContentAsync()).Value.Content.ToString() : null;
    }

    private static async Task<string> WaitForAsync(Func<Task<string?>> probe)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < Bound; await Task.Delay(500))
        {
            try
            {
                if (await probe() is { } value) return value;
            }
            catch (Exception ex) when (ex is HttpRequestException or Azure.RequestFailedException)
            {
                // not up yet
            }
        }
        throw new TimeoutException($"not reached within {Bound}");
    }
}
