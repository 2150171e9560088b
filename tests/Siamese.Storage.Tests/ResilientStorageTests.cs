using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Storage.Blobs;

namespace Siamese.Storage.Tests;

/// <summary>Optimistic concurrency on a document several writers change, against a real blob service.</summary>
[Collection(StorageCollection.Name)]
public class ResilientStorageTests(StorageFixture storage)
{
    private static readonly JsonTypeInfo<List<string>> Entries =
        (JsonTypeInfo<List<string>>)JsonSerializerOptions.Default.GetTypeInfo(typeof(List<string>));

    private ResilientStorage Documents => storage.Get<ResilientStorage>();

    [Fact]
    public async Task Concurrent_writers_each_get_their_change_in_and_none_is_lost()
    {
        const int writers = 8, changesEach = 5;
        BlobClient blob = await NewBlobAsync();
        int calls = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < changesEach; i++)
            {
                await Documents.UpdateAsync(blob, current =>
                {
                    Interlocked.Increment(ref calls);
                    return [.. current ?? [], $"writer{w}-change{i}"];
                }, Entries, CancellationToken.None);
            }
        })));

        List<string> written = (await Documents.ReadAsync(blob, Entries, CancellationToken.None))!.Value.Value;
        Assert.Equal(writers * changesEach, written.Count);
        Assert.Equal(writers * changesEach, written.Distinct().Count());
        Assert.True(calls >= writers * changesEach);
    }

    [Fact]
    public async Task A_write_in_between_makes_the_update_read_again_and_apply_its_change_to_what_was_written()
    {
        BlobClient blob = await NewBlobAsync();
        await Documents.WriteAsync(blob, ["first"], Entries, CancellationToken.None);
        var seen = new List<List<string>?>();

        List<string>? result = await Documents.UpdateAsync(blob, current =>
        {
            seen.Add(current);
            // The first time round, another writer gets in between this read and this write.
            if (seen.Count == 1) Documents.WriteAsync(blob, ["first", "other"], Entries, CancellationToken.None).GetAwaiter().GetResult();
            return [.. current ?? [], "mine"];
        }, Entries, CancellationToken.None);

        Assert.Equal(2, seen.Count);
        Assert.Equal(["first", "other"], seen[1]);
        Assert.Equal(["first", "other", "mine"], result);
        Assert.Equal(["first", "other", "mine"], (await Documents.ReadAsync(blob, Entries, CancellationToken.None))!.Value.Value);
    }

    [Fact]
    public async Task A_change_that_returns_null_writes_nothing_and_a_missing_document_is_created()
    {
        BlobClient blob = await NewBlobAsync();

        List<string>? created = await Documents.UpdateAsync(blob, current => current is null ? ["created"] : null, Entries,
            CancellationToken.None);
        Azure.ETag etag = (await blob.GetPropertiesAsync()).Value.ETag;
        List<string>? unchanged = await Documents.UpdateAsync(blob, _ => null, Entries, CancellationToken.None);

        Assert.Equal(["created"], created);
        Assert.Equal(["created"], unchanged);
        Assert.Equal(etag, (await blob.GetPropertiesAsync()).Value.ETag);
    }

    private async Task<BlobClient> NewBlobAsync()
    {
        BlobContainerClient container = storage.Blobs.GetBlobContainerClient("resilience-tests");
        await container.CreateIfNotExistsAsync();
        return container.GetBlobClient($"{Guid.NewGuid():N}.json");
    }
}
