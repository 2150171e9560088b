using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Polly;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;

namespace Siamese.Storage.Extensions;

public static class Extensions
{
    /// <summary>The storage clients (one connection, "Storage"), the resilience pipeline and the document helpers.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(ResilientStorage))) return builder; // added once per host
        // One connection setting for blobs and queues (see StorageConnection); the clients are built on first use.
        builder.Services.AddAzureClientsCore();
        builder.Services.AddSingleton(services => StorageConnection.From(
            services.GetRequiredService<IConfiguration>().GetSection(StorageNames.Connection),
            services.GetRequiredService<AzureComponentFactory>()));
        builder.Services.AddSingleton(services => services.GetRequiredService<StorageConnection>().CreateBlobServiceClient());
        builder.Services.AddSingleton(services => services.GetRequiredService<StorageConnection>()
            .CreateQueueServiceClient(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        builder.Services.AddResiliencePipeline(StorageResilience.PipelineName, pipeline => StorageResilience.Configure(pipeline));
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddSingleton<ResilientStorage>();
        builder.Services.AddSingleton<StorageQueues>();
        builder.Services.AddSingleton<DatasetReader>();
        builder.Services.AddSingleton<DatasetStatusStore>();
        builder.Services.AddSingleton<UploadRecords>();
        builder.Services.AddSingleton<BlobCheckpointStore>();
        builder.Services.AddSingleton<ServedModels>();
        builder.Services.AddSingleton<PromotionDecisions>();
        return builder;
    }
}
