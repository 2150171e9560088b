using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Delivery;
using Siamese.Storage;
using Siamese.Storage.Datasets;

namespace Siamese.Functions.Triggers.Pipeline;

/// <summary>One chunk of a dataset becomes one shard of pair images (see <see cref="ChunkBuilder"/>); chunks run in parallel.</summary>
public sealed class BuildPairs(ChunkBuilder builder, IOptions<QueueTriggerSettings> queues)
{
    [Function(nameof(BuildPairs))]
    public Task Run(
        [QueueTrigger(StorageNames.PrepareChunksQueue, Connection = StorageNames.Connection)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ChunkMessage chunk = JsonSerializer.Deserialize(message.Body.ToMemory().Span, StorageJson.Default.ChunkMessage)
                             ?? throw new InvalidDataException($"Queue message {message.MessageId} is empty.");
        return builder.BuildAsync(chunk, new DeliveryAttempt(message.DequeueCount, queues.Value.MaxDequeueCount), cancellationToken);
    }
}
