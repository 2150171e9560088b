using System.IO.Compression;
using Siamese.Model.Data;
using Siamese.Model.Recipes;
using Siamese.Pipeline.Preparation;
using Siamese.Storage.Datasets;
using Siamese.Testing;
using SixLabors.ImageSharp;

namespace Siamese.Pipeline.Tests;

/// <summary>The storage-free core of preparation: the plan of chunks, each chunk's pairs, and its two shards.</summary>
public class DatasetRecipeTests
{
    private const int Classes = 5, PerClass = 4;

    private static readonly IReadOnlyList<(string Name, byte[] Bytes)> Characters = TestData.SomeCharacters(Classes * 20);

    /// <summary>Five real characters, four images each, as an upload names them.</summary>
    private static readonly Dictionary<string, byte[]> Images = Enumerable.Range(0, Classes)
        .SelectMany(c => Enumerable.Range(0, PerClass).Select(i => (Entry: $"set/class{c}/{i}.png", Bytes: Characters[c * 20 + i].Bytes)))
        .ToDictionary(x => x.Entry, x => x.Bytes);

    private static readonly PreparationOptions Options = new() { ClassesPerChunk = 2 };

    [Fact]
    public void The_plan_splits_the_classes_into_chunks_of_classes_per_chunk_and_records_the_recipe()
    {
        DatasetIndex index = Plan();

        Assert.Equal([new ChunkRange(0, 2), new ChunkRange(2, 2), new ChunkRange(4, 1)], index.Chunks);
        Assert.Equal(["class4"], DatasetRecipe.ClassesOf(index, 2).Select(c => c.Name));
        Assert.Equal(TrainingRecipes.Original, index.Recipe?.Name);
        Assert.Equal((index.Recipe!.Training.Seed, Options.ImageSize), (index.Seed, index.ImageSize));
        Assert.Equal(PairPlan.Of(index.Recipe.Training), index.PairPlan);
    }

    [Fact]
    public void A_chunks_pairs_are_those_of_its_classes_labelled_by_class_and_the_same_every_time()
    {
        DatasetIndex index = Plan();
        var classOf = index.Classes.SelectMany(c => c.Images.Select(i => (i, c.Name))).ToDictionary(x => x.i, x => x.Name);

        IReadOnlyList<ImagePair> pairs = DatasetRecipe.PairsFor(index, 1);

        Assert.Equal(2 * (index.PositivesPerClass + index.NegativesPerClass), pairs.Count);
        Assert.All(pairs, p => Assert.Contains(classOf[p.FirstImage], new[] { "class2", "class3" }));
        Assert.All(pairs, p => Assert.Equal(p.IsSame, classOf[p.FirstImage] == classOf[p.SecondImage]));
        Assert.Equal(index.PositivesPerClass * 2, pairs.Count(p => p.IsSame));
        Assert.Equal(pairs, DatasetRecipe.PairsFor(Plan(), 1));
    }

    [Fact]
    public void A_pair_shard_holds_every_pair_of_the_chunk_as_a_stacked_image_with_its_label()
    {
        DatasetIndex index = Plan();
        IReadOnlyList<ImagePair> pairs = DatasetRecipe.PairsFor(index, 0);

        byte[] shard = DatasetRecipe.Build(index, pairs, Images, long.MaxValue, CancellationToken.None);
        var read = ShardFormat.Read(new MemoryStream(shard));

        Assert.Equal(pairs.Select(p => (p.Key, p.IsSame)), read.Select(r => (r.Pair.Key, r.Pair.IsSame)));
        foreach (var (_, png) in read)
        {
            using Image image = Image.Load(png);
            Assert.Equal((index.ImageSize, 2 * index.ImageSize), (image.Width, image.Height));
        }
    }

    [Fact]
    public void An_image_shard_holds_every_image_of_the_chunks_classes_once_with_its_class()
    {
        DatasetIndex index = Plan();

        byte[] shard = DatasetRecipe.BuildImageShard(index, 2, Images, long.MaxValue, CancellationToken.None);
        var read = ImageShardFormat.Read(new MemoryStream(shard));

        Assert.Equal(Enumerable.Range(0, PerClass).Select(i => $"set/class4/{i}.png"), read.Select(r => r.Image.Entry));
        Assert.All(read, r => Assert.Equal("class4", r.Image.Class));
        Assert.All(read, r => Assert.True(Image.Identify(r.Png) is not null));
    }

    [Fact]
    public void A_folder_per_class_image_shard_says_nothing_of_impostors_so_its_bytes_are_as_before()
    {
        byte[] shard = DatasetRecipe.BuildImageShard(Plan(), 0, Images, long.MaxValue, CancellationToken.None);

        using var zip = new ZipArchive(new MemoryStream(shard));
        using var reader = new StreamReader(zip.GetEntry(ImageShardFormat.ImagesFile)!.Open());
        Assert.DoesNotContain("impostor", reader.ReadToEnd(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Impostors_are_kept_in_the_image_shard_with_their_class_and_flag_but_never_paired()
    {
        var images = new Dictionary<string, byte[]>(Images)
        {
            ["set/class0/forged/f0.png"] = Characters[99].Bytes,
            ["set/class1/impostors/f1.png"] = Characters[98].Bytes,
        };
        DatasetIndex index = DatasetRecipe.Plan(Options, "0123456789abcdef", "raw/upload.zip", "\"etag\"", ClassIndex.Build(images.Keys),
            TrainingRecipes.Resolve(TrainingRecipes.Original));

        var read = ImageShardFormat.Read(new MemoryStream(
            DatasetRecipe.BuildImageShard(index, 0, images, long.MaxValue, CancellationToken.None)));
        var pairs = Enumerable.Range(0, index.Chunks.Count).SelectMany(c => DatasetRecipe.PairsFor(index, c)).ToList();

        Assert.Equal((2, 2), (index.Impostors, index.ClassesWithImpostors));
        Assert.Equal(PerClass * Classes, index.Images);
        Assert.Equal(2 * PerClass + 2, read.Count);
        Assert.Equal([("class0", "set/class0/forged/f0.png"), ("class1", "set/class1/impostors/f1.png")],
            read.Where(r => r.Image.Impostor).Select(r => (r.Image.Class, r.Image.Entry)));
        Assert.DoesNotContain(pairs, p => p.FirstImage.Contains("/forged/") || p.SecondImage.Contains("/forged/")
                                          || p.FirstImage.Contains("/impostors/") || p.SecondImage.Contains("/impostors/"));
        Assert.Equal(DatasetRecipe.PairsFor(Plan(), 0), DatasetRecipe.PairsFor(index, 0));
    }

    private static DatasetIndex Plan() =>
        DatasetRecipe.Plan(Options, "0123456789abcdef", "raw/upload.zip", "\"etag\"", ClassIndex.Build(Images.Keys),
            TrainingRecipes.Resolve(TrainingRecipes.Original));
}
