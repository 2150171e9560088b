using System.Reflection;
using System.Text.Json;
using Siamese.Functions.LocalHost;
using Siamese.Storage;
using Siamese.Testing;
using Siamese.Testing.Deployment;

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

    /// <summary>The functions.metadata the worker app's build generated.</summary>
    internal static JsonDocument ReadFunctionsMetadata()
    {
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(BuiltApps.FunctionsAppFolder, "functions.metadata")));
    }
}
