using Siamese.Serving.Galleries;

namespace Siamese.Serving.Tests.Galleries;

[Collection(GalleryStorageCollection.Name)]
public sealed class GalleryIndexCacheTests(GalleryStorageFixture storage)
{
    private const string Model = "model-a";

    [Fact]
    public async Task Another_instance_sees_every_write_acknowledged_before_its_call()
    {
        string gallery = GalleryStorageFixture.NewGalleryName();
        GalleryLog writerLog = storage.NewLog();
        var writer = new GalleryIndexCache(writerLog);
        var reader = new GalleryIndexCache(storage.NewLog());
        var random = new Random(5);

        await writerLog.AppendAsync(
            gallery, [GalleryChanges.Enrolled("a1", "alice", Model, GalleryChanges.RandomEmbedding(random))], default);
        GalleryIndex first = await reader.CurrentAsync(gallery, Model, default);
        Assert.Equal(1, first.ImageCount);

        await writerLog.AppendAsync(gallery, [GalleryChanges.Enrolled("b1", "bob", Model, GalleryChanges.RandomEmbedding(random)),
            new IdentityDataSet("bob", "{}")], default);
        GalleryIndex second = await reader.CurrentAsync(gallery, Model, default);

        Assert.Same(first, second);
        Assert.Equal(2, second.ImageCount);
        Assert.Equal("{}", second.Identity("bob")!.UserData);
        Assert.Equal((await writer.CurrentAsync(gallery, Model, default)).Position, second.Position);
    }

    [Fact]
    public async Task Concurrent_callers_all_get_a_current_index()
    {
        string gallery = GalleryStorageFixture.NewGalleryName();
        GalleryLog log = storage.NewLog();
        var cache = new GalleryIndexCache(storage.NewLog());
        var random = new Random(6);
        await log.AppendAsync(gallery, [GalleryChanges.Enrolled("a1", "alice", Model, GalleryChanges.RandomEmbedding(random))], default);

        GalleryIndex[] indexes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => cache.CurrentAsync(gallery, Model, default)));

        Assert.Single(indexes.Distinct());
        Assert.Equal(1, indexes[0].ImageCount);
    }

    [Fact]
    public async Task A_new_model_id_builds_a_new_index_that_lists_the_old_images_as_stale()
    {
        string gallery = GalleryStorageFixture.NewGalleryName();
        GalleryLog log = storage.NewLog();
        var cache = new GalleryIndexCache(log);
        var random = new Random(8);
        await log.AppendAsync(gallery, [GalleryChanges.Enrolled("a1", "alice", Model, GalleryChanges.RandomEmbedding(random)),
            GalleryChanges.Enrolled("b1", "bob", Model, GalleryChanges.RandomEmbedding(random))], default);
        GalleryIndex old = await cache.CurrentAsync(gallery, Model, default);

        GalleryIndex renewed = await cache.CurrentAsync(gallery, "model-b", default);
        await log.AppendAsync(gallery, [new ImageEmbedded("a1", "model-b", GalleryChanges.RandomEmbedding(random))], default);
        GalleryIndex embedded = await cache.CurrentAsync(gallery, "model-b", default);

        Assert.NotSame(old, renewed);
        Assert.Equal("model-b", renewed.ModelId);
        Assert.Same(renewed, embedded);
        Assert.Equal(["b1"], embedded.Stale.Select(i => i.ImageId));
        Assert.Equal(["a1"], embedded.Nearest(GalleryChanges.RandomEmbedding(random), 5).Select(n => n.ImageId));
    }

    [Fact]
    public async Task A_gallery_deleted_on_another_instance_reads_as_empty_and_then_as_created_again()
    {
        string gallery = GalleryStorageFixture.NewGalleryName();
        GalleryLog writerLog = storage.NewLog(new GalleryLogOptions { MaxBlocksPerSegment = 2 });
        var writer = new GalleryIndexCache(writerLog);
        var reader = new GalleryIndexCache(storage.NewLog());
        var random = new Random(9);
        await writerLog.CreateOrReadHeaderAsync(gallery, "default", default);
        for (int i = 0; i < 5; i++)
            await writerLog.AppendAsync(
                gallery, [GalleryChanges.Enrolled($"i{i}", "x", Model, GalleryChanges.RandomEmbedding(random))], default);
        Assert.Equal(5, (await reader.CurrentAsync(gallery, Model, default)).ImageCount);

        Assert.True(await writerLog.DeleteAsync(gallery, default));
        writer.Forget(gallery);
        int afterDelete = (await reader.CurrentAsync(gallery, Model, default)).ImageCount;
        await writerLog.AppendAsync(gallery, [GalleryChanges.Enrolled("new", "y", Model, GalleryChanges.RandomEmbedding(random))], default);
        GalleryIndex recreated = await reader.CurrentAsync(gallery, Model, default);

        Assert.Equal(0, afterDelete);
        Assert.Equal(["new"], recreated.Nearest(GalleryChanges.RandomEmbedding(random), 5).Select(n => n.ImageId));
        Assert.Equal(1, (await writer.CurrentAsync(gallery, Model, default)).ImageCount);
    }
}
