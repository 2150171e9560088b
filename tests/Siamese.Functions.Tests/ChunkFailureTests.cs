using System.Text.Json;
using Siamese.Storage;
using Siamese.Storage.Datasets;
using Siamese.Testing.Stack;

namespace Siamese.Functions.Tests;

[Collection(PipelineCollection.Name)]
public class ChunkFailureTests(StackFixture pipeline)
{
    [Fact]
    public async Task A_chunk_that_keeps_throwing_is_retried_and_then_reported_failed()
    {
        // A dataset whose index cannot be parsed: every attempt of its chunk throws.
        const string id = "0badc0ffee000001";
        await pipeline.Datasets.CreateIfNotExistsAsync();
        var building = new DatasetStatus
        {
            DatasetId = id, State = DatasetState.Building, Source = "raw/broken.zip", UpdatedUtc = DateTimeOffset.UtcNow, ChunksTotal = 1,
        };
        byte[] statusJson = JsonSerializer.SerializeToUtf8Bytes(building, StorageJson.Default.DatasetStatus);
        await pipeline.Datasets.GetBlobClient(DatasetPaths.Status(id)).UploadAsync(new BinaryData(statusJson));
        await pipeline.Datasets.GetBlobClient(DatasetPaths.Index(id)).UploadAsync(new BinaryData("{ not json"u8.ToArray()));

        await pipeline.Queues.GetQueueClient(StorageNames.PrepareChunksQueue).CreateIfNotExistsAsync();
        await pipeline.Queues.GetQueueClient(StorageNames.PrepareChunksQueue)
            .SendMessageAsync(JsonSerializer.Serialize(new ChunkMessage(id, 0, 1), StorageJson.Default.ChunkMessage));
        DatasetStatus status = await pipeline.WaitForFinalStatusAsync(id, TimeSpan.FromMinutes(2));

        Assert.Equal(DatasetState.Failed, status.State);
        Assert.Equal("chunk.failed", status.Error?.Code);
        Assert.Contains("failed 5 times", status.Error?.Message);
        Assert.Contains("JsonException", status.Error?.Message);
        var poison = pipeline.Queues.GetQueueClient(StorageNames.PrepareChunksQueue + StorageNames.PoisonSuffix);
        await WaitUntilAsync(async () =>
            await poison.ExistsAsync() && (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString().Contains(id)));
        Assert.False(await pipeline.Datasets.GetBlobClient(DatasetPaths.Manifest(id)).ExistsAsync());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(250))
            if (await condition()) return;
        Assert.Fail("condition not met within 60 s");
    }
}
