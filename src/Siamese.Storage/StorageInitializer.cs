using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Siamese.Storage;

/// <summary>
/// Creates the pipeline's containers and queues at start-up (before the triggers listen), so that a fresh storage
/// account or emulator works at once. In Azure the infrastructure creates them; a refusal there is only logged.
/// </summary>
public sealed partial class StorageInitializer(
    BlobServiceClient blobs,
    QueueServiceClient queues,
    ResilientStorage storage,
    ILogger<StorageInitializer> logger)
    : IHostedService
{
    private static readonly string[] Containers = [StorageNames.RawContainer, StorageNames.DatasetsContainer, StorageNames.ModelsContainer];
    private static readonly string[] Queues = [StorageNames.PrepareChunksQueue, StorageNames.TrainingRequestsQueue];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (string container in Containers)
                await storage.RunAsync(
                    async ct => { await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: ct); },
                    cancellationToken);
            foreach (string queue in Queues)
                await storage.RunAsync(
                    async ct => { await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: ct); },
                    cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 403)
        {
            LogNotAllowed(ex.ErrorCode ?? "403");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Not allowed to create the pipeline's containers and queues ({Error}); they must exist already")]
    private partial void LogNotAllowed(string error);
}
