using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;
using Siamese.Model.Training;
using Siamese.Pipeline.Datasets;
using Siamese.Storage.Datasets;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Pipeline.Tests;

/// <summary>The storage-free core of preparation: the plan of chunks, each chunk's pairs, and its two shards.</summary>
public class DatasetRecipeTests
{
    private const int Classes = 5, PerClass = 4;

    private static readonly IReadOnlyList<(string Name, byte[] Bytes)> Characters = SampleImages.SomeCharacters(Classes * 20);

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

    [Theory]
    [InlineData("0")]   // the original's: every class
    [InlineData("0.4")] // two classes held out
    public void The_chunks_pairs_are_the_pairs_and_pictures_a_local_run_of_the_recipe_trains_on(string validationFraction)
    {
        TrainingRecipe recipe = TrainingRecipes.Resolve(TrainingRecipes.Original,
            [KeyValuePair.Create("Training:ValidationFraction", (string?)validationFraction)]);
        DatasetIndex index = DatasetRecipe.Plan(Options, "0123456789abcdef", "raw/upload.zip", "\"etag\"", ClassIndex.Build(Images.Keys),
            recipe);

        var pairs = Enumerable.Range(0, index.Chunks.Count).SelectMany(c => DatasetRecipe.PairsFor(index, c)).ToList();
        var pictures = Enumerable.Range(0, index.Chunks.Count)
            .SelectMany(c => ShardFormat.Read(new MemoryStream(
                DatasetRecipe.Build(index, DatasetRecipe.PairsFor(index, c), Images, long.MaxValue, CancellationToken.None))))
            .Select(read => { using Image image = Image.Load<Rgb24>(read.Png); return ImageTensors.ToPlanarBytes(image); })
            .ToList();
        using var archive = new MemoryImageArchive("upload.zip", "id", Images);
        TrainingData local = new TrainingDataBuilder(NullLogger<TrainingDataBuilder>.Instance).Build(archive, recipe.Model.ImageSize,
            recipe.Model.ColorMode, recipe.Jitter,
            new PairSamplingOptions { PositivesPerClass = index.PositivesPerClass, NegativesPerClass = index.NegativesPerClass },
            recipe.Training, CancellationToken.None);

        Assert.True(index.HasPairsOf(recipe));
        Assert.Equal(local.Pairs.Samples.Select(s => (s.Key, s.IsSame)), pairs.Select(p => (p.Key, p.IsSame)));
        Assert.Equal(local.Pairs.Samples.Select(s => s.Pixels), pictures);
        var trained = PairPlan.Of(recipe.Training).TrainingClasses(index.Classes).Select(c => c.Name).ToHashSet();
        Assert.All(pairs, p => Assert.True(trained.Contains(p.FirstClass) && trained.Contains(p.SecondClass), p.Key));
        Assert.Equal(validationFraction == "0" ? Classes : Classes - 2, trained.Count);
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
