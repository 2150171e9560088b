using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Siamese.Functions.Triggers;
using Siamese.Functions.Triggers.Extensions;
using Siamese.Functions.Triggers.Pipeline;
using Siamese.Pipeline.Uploads;
using Siamese.Storage;

namespace Siamese.Functions.LocalHost.Extensions;

public static class Extensions
{
    /// <summary>Pinned so that blob receipts survive renames of this host (a new id would re-fire every upload).</summary>
    public const string HostId = "siamese-local-functions";

    public static WebApplicationBuilder AddLocalFunctionsHost(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddFunctionClasses();
        builder.Configuration.DefaultHostStorageToPipelineStorage();
        // The reconciler's timer names its schedule as a setting (%Reconcile:Schedule%); locally it has a default.
        builder.Configuration[ReconcileOptions.ScheduleSetting] ??= ReconcileOptions.DefaultSchedule;

        builder.Host.ConfigureWebJobs(webJobs =>
        {
            webJobs.UseHostId(HostId);
            webJobs.AddAzureStorageCoreServices();
            webJobs.AddAzureStorageBlobs();
            webJobs.AddTimers();
            webJobs.Services.Replace(ServiceDescriptor.Singleton<ScheduleMonitor, LocalScheduleMonitor>());
            // The worker app's host.json states the queue settings (retries, polling, encoding) for both hosts.
            webJobs.AddAzureStorageQueues(queues =>
                HostJson.Read(builder.Configuration).GetSection(QueueTriggerSettings.Section).Bind(queues));
        });
        builder.Services.AddSingleton<ITypeLocator>(new LocalTypeLocator(typeof(LocalTriggers)));
        return builder;
    }

    public static WebApplication MapLocalFunctionsEndpoints(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapFunctionRoutes();
        return app;
    }

    /// <summary>
    /// The WebJobs storage services read AzureWebJobsStorage; unless it is set, it is the pipeline's own connection, in
    /// whichever form that has (a connection string, or service URIs with a credential).
    /// </summary>
    private static void DefaultHostStorageToPipelineStorage(this ConfigurationManager configuration)
    {
        const string hostStorage = "AzureWebJobsStorage";
        if (configuration.GetSection(hostStorage).Exists()) return;
        foreach (var (key, value) in configuration.GetSection(StorageNames.Connection).AsEnumerable(makePathsRelative: true))
            configuration[key.Length == 0 ? hostStorage : $"{hostStorage}:{key}"] = value;
    }

    /// <summary>Names the trigger classes, so discovery does not depend on which assembly started the process.</summary>
    private sealed class LocalTypeLocator(params Type[] types) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => types;
    }
}
