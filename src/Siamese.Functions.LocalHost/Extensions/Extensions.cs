using Azure.Storage.Queues;
using Microsoft.Azure.WebJobs;
using Siamese.Pipeline.Extensions;
using Siamese.Serving.Extensions;

namespace Siamese.Functions.LocalHost.Extensions;

public static class Extensions
{
    /// <summary>Pinned so that blob receipts survive renames of this host (a new id would re-fire every upload).</summary>
    public const string HostId = "siamese-local-functions";

    public static WebApplicationBuilder AddLocalFunctionsHost(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddPipelineServices();
        builder.AddServingServices();
        builder.Services.AddMvcCore(); // executes the IActionResults the HTTP functions return
        // The WebJobs storage services read AzureWebJobsStorage; default it to the pipeline's own connection.
        builder.Configuration["AzureWebJobsStorage"] ??= builder.Configuration[Siamese.Pipeline.Storage.StorageNames.Connection];

        builder.Host.ConfigureWebJobs(webJobs =>
        {
            webJobs.UseHostId(HostId);
            webJobs.AddAzureStorageCoreServices();
            webJobs.AddAzureStorageBlobs();
            webJobs.AddAzureStorageQueues(queues =>
            {
                // As host.json of the worker app.
                queues.MaxDequeueCount = 5;
                queues.MaxPollingInterval = TimeSpan.FromSeconds(2);
                queues.VisibilityTimeout = TimeSpan.FromSeconds(5);
                queues.MessageEncoding = QueueMessageEncoding.Base64;
            });
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

    /// <summary>Names the trigger classes, so discovery does not depend on which assembly started the process.</summary>
    private sealed class LocalTypeLocator(params Type[] types) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => types;
    }
}
