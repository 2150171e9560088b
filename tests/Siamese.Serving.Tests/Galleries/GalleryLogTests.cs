using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Siamese.Serving.Galleries;

namespace Siamese.Serving.Tests.Galleries;

[Collection(GalleryStorageCollection.Name)]
public sealed class GalleryLogTests(GalleryStorageFixture storage)
{
    private const string Model = "model-a";

    [Fact]
    public async Task Appended_changes_read_back_in_order_and_a_read_with_nothing_new_returns_nothing()
    {
        GalleryLog log = storage.NewLog();
        string gallery = GalleryStorageFixture.NewGalleryName();
        var random = new Random(7);
        GalleryChange[] first =
            [GalleryChanges.Enrolled("a", "alice", Model, GalleryChanges.RandomEmbedding(random)), new ImageRemoved("zz")];
        GalleryChange[] second = [new IdentityDataSet("alice", """{"x":1}""")];

        await log.AppendAsync(gallery, first, default);
        LogRead read = await log.ReadSinceAsync(gallery, LogPosition.Start, default);
        await log.AppendAsync(gallery, second, default);
        LogRead next = await log.ReadSinceAsync(gallery, read.Position, default);
        LogRead nothing = await log.ReadSinceAsync(gallery, next.Position, default);

        Assert.Equal(first.Select(GalleryChanges.Describe), read.Changes.Select(GalleryChanges.Describe));
        Assert.Equal(second.Select(GalleryChanges.Describe), next.Changes.Select(GalleryChanges.Describe));
        Assert.Empty(nothing.Changes);
        Assert.Equal(next.Position, nothing.Position);
        Assert.Equal(new LogPosition(0, first.Concat(second).Sum(GalleryChangeCodec.SizeOf)), next.Position);
    }

    [Fact]
    public async Task A_gallery_without_a_log_reads_as_empty()
    {
        LogRead read = await storage.NewLog().ReadSinceAsync(GalleryStorageFixture.NewGalleryName(), LogPosition.Start, default);

        Assert.Empty(read.Changes);
        Assert.Equal(LogPosition.Start, read.Position);
    }

    [Fact]
    public async Task Eight_concurrent_writers_of_250_appends_each_lose_and_repeat_nothing()
    {
        const int writers = 8, appends = 250;
        string gallery = GalleryStorageFixture.NewGalleryName();
        // Each writer is another instance, and segments roll every 300 blocks, so roll-over happens under contention.
        var options = new GalleryLogOptions { MaxBlocksPerSegment = 300 };

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            GalleryLog log = storage.NewLog(options);
            for (int i = 0; i < appends; i++) await log.AppendAsync(gallery, [new ImageRemoved($"w{writer}-{i:D3}")], default);
        })));
        LogRead read = await storage.NewLog().ReadSinceAsync(gallery, LogPosition.Start, default);

        var ids = read.Changes.Cast<ImageRemoved>().Select(r => r.ImageId).ToList();
        Assert.Equal(writers * appends, ids.Count);
        Assert.Equal(writers * appends, ids.Distinct().Count());
        for (int writer = 0; writer < writers; writer++)
        {
            var own = ids.Where(id => id.StartsWith($"w{writer}-", StringComparison.Ordinal)).ToList();
            Assert.Equal(own.Order(StringComparer.Ordinal), own); // each writer's appends in the order it made them
        }
        Assert.True(read.Position.Segment >= 6, $"ended in segment {read.Position.Segment}");
    }

    [Fact]
    public async Task A_full_segment_is_sealed_and_the_log_goes_on_in_the_next()
    {
        string gallery = GalleryStorageFixture.NewGalleryName();
        GalleryLog log = storage.NewLog(new GalleryLogOptions { MaxBlocksPerSegment = 50 });
        GalleryLog reader = storage.NewLog();

        for (int i = 0; i < 30; i++) await log.AppendAsync(gallery, [new ImageRemoved($"{i:D3}")], default);
        LogRead early = await reader.ReadSinceAsync(gallery, LogPosition.Start, default);
        for (int i = 30; i < 120; i++) await log.AppendAsync(gallery, [new ImageRemoved($"{i:D3}")], default);
        LogRead rest = await reader.ReadSinceAsync(gallery, early.Position, default);

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"{i:D3}"), early.Changes.Cast<ImageRemoved>().Select(r => r.ImageId));
        Assert.Equal(Enumerable.Range(30, 90).Select(i => $"{i:D3}"), rest.Changes.Cast<ImageRemoved>().Select(r => r.ImageId));
        Assert.Equal(2, rest.Position.Segment);
        for (int segment = 0; segment < 3; segment++)
        {
            BlobProperties properties = (await SegmentBlob(gallery, segment).GetPropertiesAsync()).Value;
            Assert.Equal(segment < 2 ? 50 : 20, properties.BlobCommittedBlockCount);
            Assert.Equal(segment < 2, properties.IsSealed);
        }
    }

    [Fact]
    public async Task A_writer_that_remembers_a_tail_another_writer_sealed_moves_on_to_the_new_tail()
    {
        string gallery = GalleryStorageFixture.NewGalleryName();
        GalleryLog stale = storage.NewLog();
        GalleryLog rolling = storage.NewLog(new GalleryLogOptions { MaxBlocksPerSegment = 5 });

        await stale.AppendAsync(gallery, [new ImageRemoved("first")], default); // remembers segment 0
        for (int i = 0; i < 12; i++) await rolling.AppendAsync(gallery, [new ImageRemoved($"r{i:D2}")], default);
        await stale.AppendAsync(gallery, [new ImageRemoved("last")], default);
        LogRead read = await storage.NewLog().ReadSinceAsync(gallery, LogPosition.Start, default);

        Assert.Equal("last", read.Changes.Cast<ImageRemoved>().Last().ImageId);
        Assert.Equal(14, read.Changes.Count);
        Assert.Equal(2, read.Position.Segment);
    }

    [Fact]
    public async Task A_batch_larger_than_a_block_is_split_between_whole_records()
    {
        string gallery = GalleryStorageFixture.NewGalleryName();
        GalleryLog log = storage.NewLog(new GalleryLogOptions { MaxBlockBytes = 64 * 1024 });
        var random = new Random(3);
        var changes = Enumerable.Range(0, 500)
            .Select(i => (GalleryChange)GalleryChanges.Enrolled($"i{i}", $"l{i % 7}", Model, GalleryChanges.RandomEmbedding(random)))
            .ToList();

        await log.AppendAsync(gallery, changes, default);
        LogRead read = await log.ReadSinceAsync(gallery, LogPosition.Start, default);
        int blocks = (await SegmentBlob(gallery, 0).GetPropertiesAsync()).Value.BlobCommittedBlockCount;

        Assert.Equal(changes.Select(GalleryChanges.Describe), read.Changes.Select(GalleryChanges.Describe));
        Assert.Equal((int)Math.Ceiling(changes.Sum(GalleryChangeCodec.SizeOf) / (64.0 * 1024)), blocks);
    }

    [Fact]
    public async Task Racing_creators_of_a_header_all_get_the_winners()
    {
        string gallery = GalleryStorageFixture.NewGalleryName();

        GalleryHeader[] headers = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => storage.NewLog().CreateOrReadHeaderAsync(gallery, $"model-{i}", default))));
        GalleryHeader? read = await storage.NewLog().ReadHeaderAsync(gallery, default);

        Assert.Single(headers.Distinct());
        Assert.Equal(headers[0], read);
        Assert.Equal(GalleryHeader.CurrentFormat, read!.Format);
        Assert.Equal(gallery, read.Name);
    }

    [Fact]
    public async Task Images_read_back_and_a_missing_one_says_so()
    {
        string gallery = GalleryStorageFixture.NewGalleryName();
        GalleryLog log = storage.NewLog();

        await log.PutImageAsync(gallery, "id/with spaces", [1, 2, 3], default);

        Assert.Equal([1, 2, 3], await log.ReadImageAsync(gallery, "id/with spaces", default));
        await Assert.ThrowsAsync<FileNotFoundException>(() => log.ReadImageAsync(gallery, "other", default));
    }

    [Fact]
    public async Task Delete_removes_the_header_then_every_blob_and_a_reader_behind_it_learns_its_position_is_lost()
    {
        string gallery = GalleryStorageFixture.NewGalleryName();
        GalleryLog log = storage.NewLog(), reader = storage.NewLog();
        await log.CreateOrReadHeaderAsync(gallery, Model, default);
        await log.PutImageAsync(gallery, "a", [1], default);
        await log.AppendAsync(gallery, [new ImageRemoved("a")], default);
        LogRead read = await reader.ReadSinceAsync(gallery, LogPosition.Start, default);
        string neighbour = gallery + "x";
        await log.PutImageAsync(neighbour, "a", [1], default);

        Assert.True(await log.DeleteAsync(gallery, default));

        Assert.Null(await log.ReadHeaderAsync(gallery, default));
        Assert.Empty(await ListAsync(gallery + "/"));
        Assert.Single(await ListAsync(neighbour + "/"));
        await Assert.ThrowsAsync<LogPositionLostException>(() => reader.ReadSinceAsync(gallery, read.Position, default));
        Assert.False(await log.DeleteAsync(gallery, default));
    }

    [Fact]
    public async Task A_writer_whose_gallery_was_deleted_under_it_starts_the_new_log()
    {
        string gallery = GalleryStorageFixture.NewGalleryName();
        GalleryLog writer = storage.NewLog(new GalleryLogOptions { MaxBlocksPerSegment = 2 });
        for (int i = 0; i < 5; i++) await writer.AppendAsync(gallery, [new ImageRemoved($"old{i}")], default); // tail: segment 2

        await storage.NewLog().DeleteAsync(gallery, default);
        await writer.AppendAsync(gallery, [new ImageRemoved("new")], default);
        LogRead read = await storage.NewLog().ReadSinceAsync(gallery, LogPosition.Start, default);

        Assert.Equal(["new"], read.Changes.Cast<ImageRemoved>().Select(r => r.ImageId));
    }

    private AppendBlobClient SegmentBlob(string gallery, int segment) =>
        storage.Container.GetAppendBlobClient($"{gallery}/log/{segment:D6}");

    private async Task<List<string>> ListAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (BlobItem item in storage.Container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix })) names.Add(item.Name);
        return names;
    }
}
