using System.Reflection;
using System.Text.Json;
using Siamese.Functions.LocalHost;
using Siamese.Storage;

namespace Siamese.Functions.Tests;

public class FunctionMetadataTests
{
    [Fact]
    public void The_worker_app_metadata_lists_the_blob_queue_and_timer_triggered_functions_with_their_settings()
    {
        using JsonDocument metadata = ReadFunctionsMetadata();
        var functions = metadata.RootElement.EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("bindings")[0]);

        JsonElement prepare = functions["PrepareDataset"];
        Assert.Equal("blobTrigger", prepare.GetProperty("type").GetString());
        Assert.Equal("raw/{name}", prepare.GetProperty("path").GetString());
        Assert.Equal("EventGrid", prepare.GetProperty("source").GetString()); // Flex Consumption: no polling blob trigger
        Assert.Equal(StorageNames.Connection, prepare.GetProperty("connection").GetString());

        JsonElement build = functions["BuildPairs"];
        Assert.Equal("queueTrigger", build.GetProperty("type").GetString());
        Assert.Equal("prepare-chunks", build.GetProperty("queueName").GetString());
        Assert.Equal(StorageNames.Connection, build.GetProperty("connection").GetString());

        JsonElement reconcile = functions["ReconcileUploads"];
        Assert.Equal("timerTrigger", reconcile.GetProperty("type").GetString());
        Assert.Equal("%Reconcile:Schedule%", reconcile.GetProperty("schedule").GetString()); // an app setting in Azure
    }

    [Theory]
    [InlineData("Compare", "compare", "post")]
    [InlineData("CompareBatch", "compare/batch", "post")]
    [InlineData("AddIdentityImage", "galleries/{name}/identities/{label}/images", "post")]
    [InlineData("GetGallery", "galleries/{name}", "get")]
    [InlineData("DeleteGallery", "galleries/{name}", "delete")]
    [InlineData("ListIdentities", "galleries/{name}/identities", "get")]
    [InlineData("GetIdentity", "galleries/{name}/identities/{label}", "get")]
    [InlineData("SetIdentityData", "galleries/{name}/identities/{label}", "put")]
    [InlineData("DeleteIdentity", "galleries/{name}/identities/{label}", "delete")]
    [InlineData("DeleteIdentityImage", "galleries/{name}/identities/{label}/images/{imageId}", "delete")]
    [InlineData("VerifyIdentity", "galleries/{name}/identities/{label}/verify", "post")]
    [InlineData("IdentifyInGallery", "galleries/{name}/identify", "post")]
    [InlineData("FindSimilar", "galleries/{name}/similar", "post")]
    [InlineData("GroupImages", "group", "post")]
    [InlineData("CurrentModel", "models/current", "get")]
    [InlineData("ModelList", "models", "get")]
    [InlineData("CurrentModelPicture", "models/current/{file}", "get")]
    [InlineData("ModelDecisionList", "models/decisions", "get")]
    [InlineData("PreviewImage", "preview", "post")]
    [InlineData("GetIdentityImage", "galleries/{name}/identities/{label}/images/{imageId}", "get")]
    [InlineData("ListRecipes", "recipes", "get")]
    [InlineData("StartUpload", "uploads", "post")]
    [InlineData("UploadProgress", "uploads/{datasetId}", "get")]
    public void The_http_functions_need_a_function_key_in_azure(string function, string route, string method)
    {
        using JsonDocument metadata = ReadFunctionsMetadata();
        JsonElement trigger = metadata.RootElement.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings")[0];

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void The_local_host_binds_the_same_functions_to_the_same_triggers()
    {
        var local = typeof(LocalTriggers).GetMethods()
            .Where(m => m.GetCustomAttribute<Microsoft.Azure.WebJobs.FunctionNameAttribute>() is not null)
            .ToDictionary(m => m.GetCustomAttribute<Microsoft.Azure.WebJobs.FunctionNameAttribute>()!.Name);

        var blob = local["PrepareDataset"].GetParameters()[0].GetCustomAttribute<Microsoft.Azure.WebJobs.BlobTriggerAttribute>()!;
        var queue = local["BuildPairs"].GetParameters()[0].GetCustomAttribute<Microsoft.Azure.WebJobs.QueueTriggerAttribute>()!;
        var timer = local["ReconcileUploads"].GetParameters()[0].GetCustomAttribute<Microsoft.Azure.WebJobs.TimerTriggerAttribute>()!;

        Assert.Equal(3, local.Count);
        Assert.Equal("raw/{name}", blob.BlobPath);
        Assert.Equal(Microsoft.Azure.WebJobs.BlobTriggerSource.LogsAndContainerScan, blob.Source); // Azurite emits no Event Grid events
        Assert.Equal(StorageNames.Connection, blob.Connection);
        Assert.Equal("prepare-chunks", queue.QueueName);
        Assert.Equal(StorageNames.Connection, queue.Connection);
        Assert.Equal("%Reconcile:Schedule%", timer.ScheduleExpression);
    }

    [Fact]
    public void The_studio_page_loads_without_a_key_and_calls_only_keyed_routes()
    {
        using JsonDocument metadata = ReadFunctionsMetadata();
        JsonElement trigger = metadata.RootElement.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "StudioPage").GetProperty("bindings")[0];

        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal("studio/{file?}", trigger.GetProperty("route").GetString());
        Assert.Equal(["StudioPage"], HttpTriggers(metadata).Where(t => t.AuthLevel == "Anonymous").Select(t => t.Name));
    }

    [Fact]
    public async Task The_local_host_answers_every_http_function_on_its_route_and_method_and_nothing_else()
    {
        using JsonDocument metadata = ReadFunctionsMetadata();
        var worker = HttpTriggers(metadata).SelectMany(t => t.Methods.Select(m => $"{m.ToUpperInvariant()} /api/{t.Route}")).Order();

        await using var host = LocalFunctionsHost.Create([], new Dictionary<string, string?>
        {
            [StorageNames.Connection] = "UseDevelopmentStorage=true",   // never connected: the host is built, not started
        });
        var local = ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)host).DataSources
            .SelectMany(source => source.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order();

        Assert.Equal(worker, local);
    }

    private sealed record HttpTrigger(string Name, string Route, string AuthLevel, IReadOnlyList<string> Methods);

    private static IEnumerable<HttpTrigger> HttpTriggers(JsonDocument metadata) =>
        from function in metadata.RootElement.EnumerateArray()
        let trigger = function.GetProperty("bindings")[0]
        where trigger.GetProperty("type").GetString() == "httpTrigger"
        select new HttpTrigger(function.GetProperty("name").GetString()!, trigger.GetProperty("route").GetString()!,
            trigger.GetProperty("authLevel").GetString()!,
            trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToList());

    /// <summary>The functions.metadata the worker app's build generated.</summary>
    internal static JsonDocument ReadFunctionsMetadata()
    {
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(BuiltApps.FunctionsAppFolder, "functions.metadata")));
    }
}
