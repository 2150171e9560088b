using System.Text.Json;
using Azure.Storage.Blobs;
using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Storage.Datasets;

namespace Siamese.Storage.Tests;

/// <summary>Only a ready dataset is read, and a shard that is not what its manifest says is refused.</summary>
[Collection(StorageCollection.Name)]
public class DatasetReaderTests(StorageFixture storage)
{
    private DatasetReader Reader => storage.Get<DatasetReader>();

    private BlobContainerClient Datasets => storage.Blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);

    [Fact]
    public async Task A_ready_dataset_gives_back_every_class_image_as_stored()
    {
        var (id, images) = await WriteDatasetAsync(DatasetState.Ready);

        PreparedDataset dataset = await Reader.ReadAsync(id, CancellationToken.None);
        using MemoryImageArchive read = await ReadArchiveAsync(dataset);

        Assert.Equal(images.Keys.Order(StringComparer.Ordinal), read.Entries);
        Assert.All(images, image => Assert.Equal(image.Value, read.Read(image.Key)));
    }

    [Fact]
    public async Task Impostors_in_impostor_folders_come_back_where_the_index_finds_them_as_impostors_of_their_class()
    {
        var images = TwoClassesAndAnImpostor("set/a/1.png", "set/a/2.png", "set/a/forged/1.png", "set/b/1.png", "set/b/2.png");

        var (dataset, read) = await ReadBackAsync(images, ClassIndex.Build(images.Keys));
        using MemoryImageArchive archive = read;
        ClassIndex again = ClassIndex.Build(read.Entries);

        Assert.Equal(["set/a/forged/1.png"], dataset.Index.Classes[0].Impostors);
        Assert.Equal(images.Keys.Order(StringComparer.Ordinal), read.Entries);
        Assert.Equal(dataset.Index.Classes.Select(c => (c.Name, c.Images.Count, c.Impostors.Count)),
            again.Classes.Select(c => (c.Name, c.Images.Count, c.Impostors.Count)));
        Assert.Equal(images["set/a/forged/1.png"], read.Read(again.Classes[0].Impostors[0]));
    }

    [Fact]
    public async Task Labelled_classes_come_back_with_their_impostors_under_names_that_give_the_same_classes()
    {
        var images = TwoClassesAndAnImpostor("a.png", "b.png", "fake.png", "c.png", "d.png");
        var rows = LabelsCsv.Parse(
            "file,label,impostor\nb.png,alice\na.png,alice\nfake.png,alice,yes\nc.png,bob\nd.png,bob\n", "labels.csv");
        ClassIndex labelled = LabelledClasses.Build(rows, "labels.csv", images.Keys.ToList(), _ => true, "test.zip");

        var (_, read) = await ReadBackAsync(images, labelled);
        using MemoryImageArchive archive = read;
        ClassIndex again = ClassIndex.Build(read.Entries);

        Assert.Equal(["alice", "bob"], again.Classes.Select(c => c.Name));
        Assert.Equal((1, 1), (again.ImpostorCount, again.ClassesWithImpostors));
        Assert.Equal([images["a.png"], images["b.png"]], again.Classes[0].Images.Select(read.Read));
        Assert.Equal([images["fake.png"]], again.Classes[0].Impostors.Select(read.Read));
        Assert.Equal([images["c.png"], images["d.png"]], again.Classes[1].Images.Select(read.Read));
    }

    [Fact]
    public async Task A_shard_changed_after_it_was_published_is_refused_as_corrupt()
    {
        var (id, _) = await WriteDatasetAsync(DatasetState.Ready);
        PreparedDataset dataset = await Reader.ReadAsync(id, CancellationToken.None);
        BlobClient shard = Datasets.GetBlobClient(dataset.Manifest.ImageShards[0].Shard);
        byte[] bytes = (await shard.DownloadContentAsync()).Value.Content.ToArray();
        bytes[bytes.Length / 2] ^= 0xFF;
        await shard.UploadAsync(new BinaryData(bytes), overwrite: true);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Reader.ReadClassImagesAsync(dataset, CancellationToken.None));

        Assert.Equal("dataset.corrupt-shard", error.Code);
        Assert.Contains(dataset.Manifest.ImageShards[0].Shard, error.Message);
    }

    [Theory]
    [InlineData(DatasetState.Building, "dataset.not-ready")]
    [InlineData(DatasetState.Failed, "dataset.failed")]
    public async Task A_dataset_that_is_not_ready_is_refused_with_its_state(DatasetState state, string code)
    {
        var (id, _) = await WriteDatasetAsync(state);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Reader.ReadAsync(id, CancellationToken.None));

        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData("00000000deadbeef", "dataset.not-found")]
    [InlineData("../models", "dataset.invalid-id")]
    public async Task A_dataset_that_does_not_exist_or_an_unsafe_id_is_refused(string id, string code)
    {
        var error = await Assert.ThrowsAnyAsync<InvalidInputException>(() => Reader.ReadAsync(id, CancellationToken.None));

        Assert.Equal(code, error.Code);
    }

    /// <summary>Five real characters under the given names: two of one class, an impostor of it, two of another.</summary>
    private static Dictionary<string, byte[]> TwoClassesAndAnImpostor(params string[] names)
    {
        var characters = SampleImages.SomeCharacters(41);
        return names.Zip([0, 1, 40, 20, 19]).ToDictionary(n => n.First, n => characters[n.Second].Bytes);
    }

    /// <summary>A dataset's class images as the trainer reads them (DatasetImages.ReadClassArchiveAsync).</summary>
    private async Task<MemoryImageArchive> ReadArchiveAsync(PreparedDataset dataset) =>
        MemoryImageArchive.OfClasses(dataset.Index.Source, dataset.Index.DatasetId, dataset.Index.Classes,
            await Reader.ReadClassImagesAsync(dataset, CancellationToken.None));

    /// <summary>Publishes a ready dataset of these classes and reads its class images back, as the trainer does.</summary>
    private async Task<(PreparedDataset Dataset, MemoryImageArchive Images)> ReadBackAsync(
        Dictionary<string, byte[]> images, ClassIndex classes)
    {
        var (id, _) = await WriteDatasetAsync(DatasetState.Ready, images, classes);
        PreparedDataset dataset = await Reader.ReadAsync(id, CancellationToken.None);
        return (dataset, await ReadArchiveAsync(dataset));
    }

    /// <summary>
    /// A dataset of two real characters with one class image shard, as the pipeline publishes it: shard, index, manifest, status.
    /// </summary>
    private async Task<(string Id, Dictionary<string, byte[]> Images)> WriteDatasetAsync(
        DatasetState state, Dictionary<string, byte[]>? images = null, ClassIndex? classes = null)
    {
        string id = Guid.NewGuid().ToString("N")[..16];
        var characters = SampleImages.SomeCharacters(21);
        images ??= new Dictionary<string, byte[]>
        {
            ["set/a/1.png"] = characters[0].Bytes, ["set/a/2.png"] = characters[1].Bytes,
            ["set/b/1.png"] = characters[20].Bytes, ["set/b/2.png"] = characters[19].Bytes,
        };
        classes ??= ClassIndex.Build(images.Keys);
        byte[] shard = ImageShardFormat.Write(classes.Classes
            .SelectMany(c => c.Images.Select(i => (c.Name, i, false, images[i]))
                .Concat(c.Impostors.Select(i => (c.Name, i, true, images[i]))))
            .ToList());
        var index = new DatasetIndex(id, "raw/test.zip", "\"etag\"", 42, 32, ColorMode.Grayscale, new JitterSettings(105, 105, 0),
            1, 1, classes.Classes, [new ChunkRange(0, classes.Classes.Count)]);
        var manifest = new DatasetManifest(id, "raw/test.zip", DateTimeOffset.UtcNow, classes.Classes.Count, 0, 0, ColorMode.Grayscale,
            1, 32, 64, DatasetPaths.Index(id), [])
        {
            ImageShards = [new ImageShardInfo(0, DatasetPaths.ImageShard(id, 0), 2, 4, shard.Length, ContentIds.Sha256(shard))],
        };
        var status = new DatasetStatus { DatasetId = id, State = state, Source = "raw/test.zip", UpdatedUtc = DateTimeOffset.UtcNow };

        await Datasets.CreateIfNotExistsAsync();
        await Datasets.GetBlobClient(DatasetPaths.ImageShard(id, 0)).UploadAsync(new BinaryData(shard));
        await UploadAsync(DatasetPaths.Index(id), JsonSerializer.SerializeToUtf8Bytes(index, StorageJson.Default.DatasetIndex));
        await UploadAsync(DatasetPaths.Manifest(id), JsonSerializer.SerializeToUtf8Bytes(manifest, StorageJson.Default.DatasetManifest));
        await UploadAsync(DatasetPaths.Status(id), JsonSerializer.SerializeToUtf8Bytes(status, StorageJson.Default.DatasetStatus));
        return (id, images);
    }

    private Task UploadAsync(string blobName, byte[] content) => Datasets.GetBlobClient(blobName).UploadAsync(new BinaryData(content));
}
