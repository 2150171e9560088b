using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Siamese.AppHost.Commands;
using Siamese.DevStorage;
using Siamese.Testing;
using Xunit.Abstractions;

namespace Siamese.AppHost.Tests;

/// <summary>
/// The whole life cycle through the AppHost: a zip in raw → a dataset with pair shards and class image shards → the
/// trainer trains the default recipe from storage → its model challenges the served one and is served only if at least
/// as good; an operator's promotion, roll-back and promotion (API and dashboard commands); a stronger challenger served.
/// </summary>
public class EndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    /// <summary>
    /// The default recipe shrunk to seconds: one step of a narrow network, 10-way validation trials over 10 of the 30
    /// classes (30 % is 9; the recipe holds out at least 10), enough trials that one step and forty steps are told apart.
    /// Augmentation is off so forty steps learn something measurable.
    /// </summary>
    private static readonly string[] QuickDefaultRecipe =
    [
        "--Recipe:Overrides:Model:Width=0.25",
        "--Recipe:Overrides:Model:BlocksPerStage=1,1,1,1",
        "--Recipe:Overrides:Training:Epochs=1",
        "--Recipe:Overrides:Training:StepsPerEpoch=1",
        "--Recipe:Overrides:Training:ClassesPerBatch=16",
        "--Recipe:Overrides:Training:Affine=0",
        "--Recipe:Overrides:Training:RotatedClasses=false",
        "--Recipe:Overrides:Training:Schedule=Constant",
        "--Recipe:Overrides:Training:ValidationFraction=0.3",
        "--Recipe:Overrides:Training:ValidationTrials=200",
    ];

    [Fact]
    public async Task A_zip_dropped_in_raw_trains_the_default_recipe_from_storage_and_only_a_model_at_least_as_good_is_served()
    {
        // A storage of its own: what earlier runs left in .azurite/ (a promoted model) must not decide this test.
        string storage = Path.Combine(Path.GetTempPath(), "siamese-end-to-end-" + Guid.NewGuid().ToString("N"));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Siamese_AppHost>(
            [.. QuickDefaultRecipe, $"--Azurite:Location={storage}"]);
        await using DistributedApplication app = await builder.BuildAsync();
        await app.StartAsync();
        await app.ResourceNotifications.WaitForResourceHealthyAsync("functions").WaitAsync(Bound);
        var blobs = new BlobServiceClient(ConnectionString(app));
        using HttpClient http = app.CreateHttpClient("functions");
        JsonElement defaultModel = await CurrentModelAsync(http);
        Assert.Equal("default", defaultModel.GetProperty("source").GetString());

        byte[] zip = TestZips.Characters(30, 8, "end-to-end-" + Guid.NewGuid());
        string upload = $"end-to-end-{Guid.NewGuid():N}";
        await blobs.GetBlobContainerClient("raw").CreateIfNotExistsAsync();
        await blobs.GetBlobContainerClient("raw").GetBlobClient($"{upload}.zip").UploadAsync(new BinaryData(zip));
        string datasetId = await WaitForAsync(() => DatasetOfAsync(blobs, $"raw/{upload}.zip"));

        string status = await WaitForAsync(async () =>
        {
            string? text = await ReadAsync(blobs, "datasets", $"{datasetId}/status.json");
            bool final = text is not null && (text.Contains("\"ready\"", StringComparison.OrdinalIgnoreCase)
                                              || text.Contains("\"failed\"", StringComparison.OrdinalIgnoreCase));
            return final ? text : null;
        });
        Assert.Contains("\"ready\"", status, StringComparison.OrdinalIgnoreCase);
        // The dataset keeps the recipe's rendered pairs (10 + 10 of each of the 20 classes it trains on; 10 are held out) and
        // every image by class, each shard listed with its hash.
        JsonElement manifest = await ReadJsonAsync(blobs, "datasets", $"{datasetId}/manifest.json");
        Assert.Equal((30 - 10) * 20, manifest.GetProperty("pairs").GetInt32());
        Assert.Equal(30 * 8, manifest.GetProperty("imageShards").EnumerateArray().Sum(s => s.GetProperty("images").GetInt32()));
        Assert.All(manifest.GetProperty("imageShards").EnumerateArray(),
            s => Assert.Equal(64, s.GetProperty("sha256").GetString()!.Length));
        Assert.NotEmpty(manifest.GetProperty("shards").EnumerateArray());

        // A weak challenger (one step of the default recipe, trained from the class images) meets the default model.
        JsonElement weak = await DecisionAsync(blobs, datasetId, except: null);
        string weakRun = weak.GetProperty("runId").GetString()!;
        output.WriteLine($"{weakRun}: {weak.GetProperty("summary").GetString()}");
        Assert.False(weak.GetProperty("promoted").GetBoolean(), weak.GetProperty("summary").GetString());
        JsonElement weakScores = weak.GetProperty("scores");
        Assert.Equal("the default model", weakScores.GetProperty("champion").GetString());
        Assert.True(weakScores.GetProperty("championAccuracy").GetDouble() > weakScores.GetProperty("challengerAccuracy").GetDouble());
        Assert.Equal((200, 10), (weakScores.GetProperty("trialCount").GetInt32(), weakScores.GetProperty("heldOutClasses").GetInt32()));
        JsonElement weakCheckpoint = await ReadJsonAsync(blobs, "models", $"{weakRun}/epoch-0001/checkpoint.json");
        Assert.Equal("inbatch", weakCheckpoint.GetProperty("recipe").GetProperty("name").GetString());
        Assert.Equal("InBatch", weakCheckpoint.GetProperty("training").GetProperty("objective").GetString());
        JsonElement training = (await ReadJsonAsync(blobs, "datasets", $"{datasetId}/status.json")).GetProperty("training");
        Assert.Equal(("NotPromoted", weak.GetProperty("summary").GetString()),
            (training.GetProperty("state").GetString(), training.GetProperty("summary").GetString()));
        Assert.Equal(defaultModel.GetProperty("runId").GetString(), await AnsweringRunAsync(http));
        // `default` also answers to what the shipped model was chosen on: the decision names Lake's runs, with both scores.
        JsonElement benchmark = weak.GetProperty("referenceScores").EnumerateArray()
            .Single(r => !r.GetProperty("reference").TryGetProperty("datasetId", out _));
        Assert.Equal(400, benchmark.GetProperty("trialCount").GetInt32());
        Assert.True(benchmark.GetProperty("championAccuracy").GetDouble() - benchmark.GetProperty("challengerAccuracy").GetDouble() > 0.02,
            weak.GetProperty("summary").GetString());
        Assert.Contains("on Lake's 20-way one-shot runs (all_runs.zip), the default model's benchmark: " +
            $"{Percent(benchmark.GetProperty("challengerAccuracy"))} % (95 % CI ", weak.GetProperty("summary").GetString());
        Assert.Contains($" vs {Percent(benchmark.GetProperty("championAccuracy"))} % (", weak.GetProperty("summary").GetString());
        Assert.Contains("on the same 400 20-way trials, more than 2.0 points worse", weak.GetProperty("summary").GetString());
        Assert.Contains("train a model of its own (siamese upload <zip> --model <name>)", weak.GetProperty("summary").GetString());

        // The same zip for a model name of its own: its first model meets the shipped model, loses as the weak run did, and is
        // not served; an operator serves it by hand under that name, and `default` answers exactly as before (the same
        // similarity for the same pair).
        string named = $"e2e-{Guid.NewGuid():N}"[..12];
        double defaultSimilarity = await SimilarityAsync(http, model: null);
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the local host's polling sees uploads a second apart (docs/troubleshooting.md)
        await blobs.GetBlobContainerClient("raw").GetBlobClient($"{upload}-{named}.zip")
            .UploadAsync(new BinaryData(zip), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["model"] = named } });
        JsonElement first = await DecisionAsync(blobs, datasetId, except: weakRun, model: named);
        string namedRun = first.GetProperty("runId").GetString()!;
        Assert.False(first.GetProperty("promoted").GetBoolean(), first.GetProperty("summary").GetString());
        Assert.Equal("the shipped model", first.GetProperty("scores").GetProperty("champion").GetString());
        Assert.Contains($"nothing is served under '{named}' yet", first.GetProperty("summary").GetString());
        Assert.Empty(first.GetProperty("referenceScores").EnumerateArray());
        using (var byHand = await http.PostAsJsonAsync("/api/models/promote",
                   new { runId = namedRun, reason = "the end-to-end test", model = named }))
            Assert.Equal(System.Net.HttpStatusCode.OK, byHand.StatusCode);
        Assert.Equal(namedRun, await WaitForAsync(async () =>
        {
            JsonElement model = await http.GetFromJsonAsync<JsonElement>($"/api/models/current?model={named}");
            return model.GetProperty("runId").GetString() == namedRun ? namedRun : null;
        }));
        Assert.Equal(namedRun, await AnsweringRunAsync(http, named));
        Assert.Equal(defaultSimilarity, await SimilarityAsync(http, model: null));
        Assert.Equal(defaultModel.GetProperty("runId").GetString(), await AnsweringRunAsync(http));

        // An operator serves the weak run anyway (admin key in Azure); the API says so.
        using (var promote = await http.PostAsJsonAsync("/api/models/promote", new { runId = weakRun, reason = "the end-to-end test" }))
            Assert.Equal(System.Net.HttpStatusCode.OK, promote.StatusCode);
        JsonElement served = await CurrentModelAsync(http);
        Assert.Equal((weakRun, "the end-to-end test"), (served.GetProperty("runId").GetString(), served.GetProperty("why").GetString()));

        // The dashboard's commands on the functions, enabled while they run, move the same pointer: roll back to the default
        // model, refuse a second roll back and a report, then promote the weak run again.
        string[] commandNames = [UploadSampleCommand.Name, ServedModelReportCommand.Name, PromoteRunCommand.Name, RollBackCommand.Name];
        await app.ResourceNotifications.WaitForResourceAsync("functions", e => commandNames.All(name =>
            e.Snapshot.Commands.Any(c => c.Name == name && c.State == ResourceCommandState.Enabled))).WaitAsync(Bound);
        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        ExecuteCommandResult rolledBack = await commands.ExecuteCommandAsync("functions", RollBackCommand.Name);
        Assert.True(rolledBack.Success, rolledBack.Message);
        Assert.Equal(defaultModel.GetProperty("runId").GetString(), await WaitForAsync(async () =>
        {
            string run = (await CurrentModelAsync(http)).GetProperty("runId").GetString()!;
            return run != weakRun ? run : null;
        }));
        ExecuteCommandResult secondRollBack = await commands.ExecuteCommandAsync("functions", RollBackCommand.Name);
        Assert.Equal((false, "The default model answers and nothing was served before it: there is nothing to roll back to."),
            (secondRollBack.Success, secondRollBack.Message));
        Assert.False((await commands.ExecuteCommandAsync("functions", ServedModelReportCommand.Name)).Success);
        var promoteArguments = new InteractionInputCollection(
        [
            new InteractionInput { Name = PromoteRunCommand.RunIdArgument, InputType = InputType.Text, Value = weakRun },
            new InteractionInput { Name = PromoteRunCommand.ReasonArgument, InputType = InputType.Text, Value = "the dashboard" },
        ]);
        ExecuteCommandResult promoted = await commands.ExecuteCommandAsync("functions", PromoteRunCommand.Name, promoteArguments);
        Assert.True(promoted.Success, promoted.Message);
        Assert.Equal("the dashboard", await WaitForAsync(async () =>
        {
            JsonElement model = await CurrentModelAsync(http);
            return model.GetProperty("runId").GetString() == weakRun ? model.GetProperty("why").GetString() : null;
        }));

        // The same zip again, asking for forty steps: the dataset is reused and the stronger run takes the weak one's place.
        var longer = new Dictionary<string, string> { ["Training__StepsPerEpoch"] = "40" };
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the local host's polling sees uploads a second apart (docs/troubleshooting.md)
        await blobs.GetBlobContainerClient("raw").GetBlobClient($"{upload}-longer.zip")
            .UploadAsync(new BinaryData(zip), new BlobUploadOptions { Metadata = longer });
        JsonElement strong = await DecisionAsync(blobs, datasetId, except: weakRun);
        string strongRun = strong.GetProperty("runId").GetString()!;
        output.WriteLine($"{strongRun}: {strong.GetProperty("summary").GetString()}");
        Assert.True(strong.GetProperty("promoted").GetBoolean(), strong.GetProperty("summary").GetString());
        Assert.Equal($"served {weakRun}/epoch-0001", strong.GetProperty("scores").GetProperty("champion").GetString());
        // Until the weak run served before is replaced; then the stronger run must be the one that answers.
        string answeredBy = await WaitForAsync(async () =>
        {
            string run = await AnsweringRunAsync(http);
            return run != weakRun ? run : null;
        });
        Assert.Equal(strongRun, answeredBy);
        JsonElement current = await CurrentModelAsync(http);
        Assert.StartsWith("won the challenge", current.GetProperty("why").GetString());
        Assert.Equal(strong.GetProperty("scores").GetProperty("challengerAccuracy").GetDouble(),
            current.GetProperty("challenge").GetProperty("challengerAccuracy").GetDouble());
        double threshold = current.GetProperty("threshold").GetDouble();
        Assert.InRange(threshold, 0, 1);
        JsonElement strongCheckpoint = await ReadJsonAsync(blobs, "models", $"{strongRun}/epoch-0001/checkpoint.json");
        Assert.Equal(threshold, strongCheckpoint.GetProperty("threshold").GetProperty("similarity").GetDouble());

        // The served model's pictures and the answer to "which model and why", linked from the dashboard.
        using var report = await http.GetAsync("/api/models/current/report.html");
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"run {strongRun}, epoch-0001 (validation)", await report.Content.ReadAsStringAsync());
        using var curves = await http.GetAsync("/api/models/current/curves.png");
        Assert.Equal("image/png", curves.Content.Headers.ContentType?.MediaType);
        // Each dashboard link opens what it names: the served model's answer, its report and its curves, the studio page.
        (string Path, string MediaType)[] linked =
            [("/api/models/current", "application/json"), ("/api/models/current/report.html", "text/html"),
             ("/api/models/current/curves.png", "image/png"), ("/api/studio", "text/html")];
        ResourceEvent functions = await app.ResourceNotifications.WaitForResourceAsync("functions",
            e => linked.All(l => e.Snapshot.Urls.Any(u => u.Url.EndsWith(l.Path, StringComparison.Ordinal)))).WaitAsync(Bound);
        foreach (var (path, mediaType) in linked)
        {
            string url = functions.Snapshot.Urls.First(u => u.Url.EndsWith(path, StringComparison.Ordinal)).Url;
            using HttpResponseMessage opened = await http.GetAsync(new Uri(url));
            Assert.True(opened.IsSuccessStatusCode, $"{url}: {(int)opened.StatusCode}");
            Assert.Equal(mediaType, opened.Content.Headers.ContentType?.MediaType);
        }
        // The dashboard's report command names the served run and links its report.
        ExecuteCommandResult reported = await commands.ExecuteCommandAsync("functions", ServedModelReportCommand.Name);
        Assert.True(reported.Success, reported.Message);
        string reportUrl = functions.Snapshot.Urls.First(u => u.Url.EndsWith("/report.html", StringComparison.Ordinal)).Url;
        Assert.Contains($"**models/{strongRun}/epoch-0001**", reported.Data!.Value);
        Assert.Contains($"[Validation report]({reportUrl})", reported.Data.Value);
    }

    /// <summary>The id the pipeline gave the dataset of an upload (its status names the upload), once it has one.</summary>
    private static async Task<string?> DatasetOfAsync(BlobServiceClient blobs, string source)
    {
        BlobContainerClient datasets = blobs.GetBlobContainerClient("datasets");
        if (!await datasets.ExistsAsync()) return null;
        await foreach (var item in datasets.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, default))
        {
            if (!item.Name.EndsWith("/status.json", StringComparison.Ordinal)) continue;
            JsonElement status = await ReadJsonAsync(blobs, "datasets", item.Name);
            if (status.GetProperty("source").GetString() == source) return status.GetProperty("datasetId").GetString();
        }
        return null;
    }

    /// <summary>
    /// models/{runId}/promotion.json of a run of the dataset for <paramref name="model"/> (other than <paramref name="except"/>),
    /// once it exists.
    /// </summary>
    private static async Task<JsonElement> DecisionAsync(BlobServiceClient blobs, string datasetId, string? except,
        string model = "default")
    {
        BlobContainerClient models = blobs.GetBlobContainerClient("models");
        string text = await WaitForAsync(async () =>
        {
            if (!await models.ExistsAsync()) return null;
            await foreach (var item in models.GetBlobsAsync(BlobTraits.None, BlobStates.None, datasetId + "-", default))
            {
                bool ofAnotherRun = except is null || !item.Name.StartsWith(except + "/", StringComparison.Ordinal);
                if (!item.Name.EndsWith("/promotion.json", StringComparison.Ordinal) || !ofAnotherRun) continue;
                string decision = (await models.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToString();
                if (JsonDocument.Parse(decision).RootElement.GetProperty("model").GetString() == model) return decision;
            }
            return null;
        });
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> CurrentModelAsync(HttpClient http) =>
        await http.GetFromJsonAsync<JsonElement>("/api/models/current");

    /// <summary>The run of the model that answers a comparison under <paramref name="model"/> (null: default) now.</summary>
    private static async Task<string> AnsweringRunAsync(HttpClient http, string? model = null) =>
        (await CompareAsync(http, model)).GetProperty("model").GetProperty("runId").GetString()!;

    /// <summary>The similarity of the same two drawings under <paramref name="model"/> (null: default).</summary>
    private static async Task<double> SimilarityAsync(HttpClient http, string? model) =>
        (await CompareAsync(http, model)).GetProperty("similarity").GetDouble();

    private static async Task<JsonElement> CompareAsync(HttpClient http, string? model)
    {
        var images = SampleImages.SomeCharacters(2);
        using var form = CompareForms.Pair(images[0].Bytes, images[1].Bytes);
        using var response = await http.PostAsync(model is null ? "/api/compare" : $"/api/compare?model={model}", form);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Percent(JsonElement fraction) =>
        (fraction.GetDouble() * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The connection string the AppHost gives its services.</summary>
    private static string ConnectionString(DistributedApplication app) =>
        new AzuriteEndpoints(app.GetEndpoint("azurite", "blob").Port, app.GetEndpoint("azurite", "queue").Port,
            app.GetEndpoint("azurite", "table").Port).ConnectionString;

    private static async Task<string?> ReadAsync(BlobServiceClient blobs, string container, string name)
    {
        BlobClient blob = blobs.GetBlobContainerClient(container).GetBlobClient(name);
        return await blob.ExistsAsync() ? (await blob.DownloadContentAsync()).Value.Content.ToString() : null;
    }

    private static async Task<JsonElement> ReadJsonAsync(BlobServiceClient blobs, string container, string name) =>
        JsonDocument.Parse((await ReadAsync(blobs, container, name))!).RootElement;

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
