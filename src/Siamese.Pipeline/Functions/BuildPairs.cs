using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Preparation;
using Siamese.Pipeline.Storage;

namespace Siamese.Pipeline.Functions;

/// <summary>One chunk of a dataset becomes one shard of pair images (see <see cref="ChunkBuilder"/>); chunks run in parallel.</summary>
public sealed class BuildPairs(ChunkBuilder builder)
{
    [Function(nameof(BuildPairs))]
    public Task Run(
        [QueueTrigger(StorageNames.PrepareChunksQueue, Connection = StorageNames.Connection)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ChunkMessage chunk = JsonSerializer.Deserialize(message.Body.ToMemory().Span, PipelineJson.Default.ChunkMessage)
                             ?? throw new InvalidDataException($"Queue message {message.MessageId} is empty.");
        return builder.BuildAsync(chunk, message.DequeueCount, cancellationToken);
    }
}
