using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Model.Data;
using Siamese.Storage;
using Siamese.Storage.Datasets;
using Siamese.Testing;
using Siamese.Testing.Pipeline;

namespace Siamese.Functions.Tests;

/// <summary>An upload in another layout than a folder per class, prepared end to end through Azurite and the functions.</summary>
[Collection(PipelineCollection.Name)]
public class LayoutPreparationTests(PipelineFixture pipeline)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_labels_csv_upload_with_impostors_keeps_them_flagged_with_their_class_and_counted_but_out_of_pairs_and_training()
    {
        var characters = TestData.SomeCharacters(100);
        var csv = new StringBuilder("file,label,impostor\n");
        var entries = new List<(string, byte[])>();
        for (int writer = 0; writer < 4; writer++)
            for (int i = 0; i < 3; i++)
            {
                csv.Append($"w{writer}-{i}.png,writer{writer},\n");
                entries.Add(($"signatures/w{writer}-{i}.png", characters[writer * 20 + i].Bytes));
            }
        foreach (var (file, writer, source) in new[] { ("fake-a.png", 0, 90), ("fake-b.png", 0, 91), ("fake-c.png", 1, 92) })
        {
            csv.Append($"\"{file}\",writer{writer},yes\n");
            entries.Add(($"signatures/{file}", characters[source].Bytes));
        }
        entries.Add(("signatures/labels.csv", Encoding.UTF8.GetBytes(csv.ToString())));
        string id = await pipeline.UploadAsync("signatures.zip", TestZips.Build(entries));

        DatasetStatus status = await pipeline.WaitForFinalStatusAsync(id, Bound);

        Assert.Equal(DatasetState.Ready, status.State);
        Assert.Equal((4, 12, 3, 2), (status.Classes, status.Images, status.Impostors, status.ClassesWithImpostors));
        DatasetIndex index = (await pipeline.ReadAsync(DatasetPaths.Index(id), StorageJson.Default.DatasetIndex))!;
        Assert.Equal(ClassLayout.Labels, index.Layout);
        Assert.Equal(["writer0", "writer1", "writer2", "writer3"], index.Classes.Select(c => c.Name));
        Assert.Equal(["signatures/fake-a.png", "signatures/fake-b.png"], index.Classes[0].Impostors);
        Assert.Equal((12, 3, 2), (index.Images, index.Impostors, index.ClassesWithImpostors));

        DatasetManifest manifest = (await pipeline.ReadAsync(DatasetPaths.Manifest(id), StorageJson.Default.DatasetManifest))!;
        var stored = new List<ShardImage>();
        foreach (ImageShardInfo shard in manifest.ImageShards)
        {
            var content = (await pipeline.Datasets.GetBlobClient(shard.Shard).DownloadContentAsync()).Value.Content;
            stored.AddRange(ImageShardFormat.Read(content.ToStream()).Select(i => i.Image));
        }
        Assert.Equal((12, 3), (manifest.Images, manifest.ImageShards.Sum(s => s.Impostors)));
        Assert.Equal(
            [("writer0", "signatures/fake-a.png"), ("writer0", "signatures/fake-b.png"), ("writer1", "signatures/fake-c.png")],
            stored.Where(i => i.Impostor).Select(i => (i.Class, i.Entry)).Order());
        Assert.Equal(15, stored.Count);

        var reader = pipeline.Services.GetRequiredService<DatasetReader>();
        PreparedDataset dataset = await reader.ReadAsync(id, CancellationToken.None);
        var pairs = await reader.ReadPairsAsync(dataset, CancellationToken.None);
        Assert.DoesNotContain(pairs, p => p.Pair.FirstImage.Contains("fake") || p.Pair.SecondImage.Contains("fake"));
        using MemoryImageArchive training = await reader.ReadClassImagesAsync(dataset, CancellationToken.None);
        ClassIndex trained = ClassIndex.Build(training.Entries);
        Assert.Equal(index.Classes.Select(c => c.Name), trained.Classes.Select(c => c.Name));
        Assert.Equal(12, trained.ImageCount);
    }
}
