using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Storage.Queues;

namespace Siamese.Storage;

/// <summary>Sends JSON messages to the pipeline's queues, creating each queue on first use.</summary>
public sealed class StorageQueues(QueueServiceClient queues, ResilientStorage storage)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> created = new();

    public async Task SendAsync<T>(string queueName, T message, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        QueueClient queue = await GetAsync(queueName, cancellationToken);
        string body = JsonSerializer.Serialize(message, type);
        await storage.RunAsync(async ct => { await queue.SendMessageAsync(body, ct); }, cancellationToken);
    }

    private async Task<QueueClient> GetAsync(string queueName, CancellationToken cancellationToken)
    {
        var lazy = created.GetOrAdd(queueName, name => new Lazy<Task<QueueClient>>(() => CreateAsync(name, cancellationToken)));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            created.TryRemove(KeyValuePair.Create(queueName, lazy));  // try creating again next time
            throw;
        }
    }

    private async Task<QueueClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        QueueClient queue = queues.GetQueueClient(name);
        await storage.RunAsync(async ct => { await queue.CreateIfNotExistsAsync(cancellationToken: ct); }, cancellationToken);
        return queue;
    }
}
