using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Siamese.Functions.Triggers.Extensions;
using Siamese.Pipeline.Uploads;
using Siamese.Storage;
using WorkerFunction = Microsoft.Azure.Functions.Worker.FunctionAttribute;

namespace Siamese.Functions.Tests.Azure;

/// <summary>
/// The deployable app (src/Siamese.Functions) cannot be started here: the Azure Functions host cannot be installed on
/// these machines, and the isolated worker does not start without it. This is the closest honest check: the worker's
/// own host, built exactly as its Program.cs builds it, from the app settings that infra/app/functions.bicep gives it,
/// resolves every function class and every hosted service (which builds the storage clients from those settings).
/// </summary>
public partial class WorkerHostTests
{
    [Fact]
    public void The_worker_host_builds_from_the_bicep_settings_and_resolves_every_function_class_and_hosted_service()
    {
        Dictionary<string, string?> settings = AzureSettings.FunctionApp();
        Assert.Equal("managedidentity", settings["Storage__credential"]);

        using IHost host = FunctionsWorkerHost.Create([], [.. ToConfiguration(settings), .. LaunchedByTheFunctionsHost]);

        Type[] functionClasses = typeof(Extensions).Assembly.GetTypes()
            .Where(type => type.GetMethods().Any(method => method.GetCustomAttribute<WorkerFunction>() is not null))
            .ToArray();
        Assert.True(functionClasses.Length >= 10, $"found {functionClasses.Length} function classes");
        using IServiceScope scope = host.Services.CreateScope();
        foreach (Type functionClass in functionClasses)
            Assert.NotNull(scope.ServiceProvider.GetRequiredService(functionClass));

        List<IHostedService> hosted = host.Services.GetServices<IHostedService>().ToList();
        Assert.Contains(hosted, service => service is StorageInitializer);

        var connection = host.Services.GetRequiredService<StorageConnection>();
        Assert.True(connection.UsesIdentity);
        Assert.Equal(settings["Storage__blobServiceUri"], host.Services.GetRequiredService<BlobServiceClient>().Uri.ToString());
        Assert.Equal(settings["Storage__queueServiceUri"], host.Services.GetRequiredService<QueueServiceClient>().Uri.ToString());
    }

    [Fact]
    public void Every_setting_a_trigger_names_is_an_app_setting_of_the_bicep_with_the_code_default()
    {
        using JsonDocument metadata = FunctionMetadataTests.ReadFunctionsMetadata();
        string[] named = SettingExpression().Matches(metadata.RootElement.GetRawText())
            .Select(match => match.Groups["name"].Value).Distinct().ToArray();
        Dictionary<string, string?> appSettings = AzureSettings.FunctionApp();

        Assert.Contains(ReconcileOptions.ScheduleSetting, named);
        foreach (string setting in named)
            Assert.True(appSettings.ContainsKey(setting.Replace(":", "__", StringComparison.Ordinal)),
                $"%{setting}% is not set in infra/app/functions.bicep");
        Assert.Equal(ReconcileOptions.DefaultSchedule, appSettings["Reconcile__Schedule"]);
    }

    [GeneratedRegex("%(?<name>[A-Za-z0-9_:]+)%")]
    private static partial Regex SettingExpression();

    /// <summary>What the Functions host hands the worker process it starts (the gRPC channel is opened only at start).</summary>
    private static readonly Dictionary<string, string?> LaunchedByTheFunctionsHost = new()
    {
        ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9",
        ["Functions:Worker:WorkerId"] = Guid.NewGuid().ToString(),
        ["Functions:Worker:RequestId"] = Guid.NewGuid().ToString(),
        ["Functions:Worker:GrpcMaxMessageLength"] = "2147483647",
    };

    /// <summary>App settings use __ where configuration keys use ':'.</summary>
    private static Dictionary<string, string?> ToConfiguration(Dictionary<string, string?> appSettings) =>
        appSettings.ToDictionary(pair => pair.Key.Replace("__", ":", StringComparison.Ordinal), pair => pair.Value);
}
