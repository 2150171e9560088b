using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;
using Siamese.Storage.Datasets;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;

namespace Siamese.Pipeline.Datasets;

/// <summary>
/// The storage-free core of dataset preparation: the plan (index and chunks) of a checked upload, the pairs of a
/// chunk, and a chunk's shard bytes from the source images. The functions run it over blob storage; the
/// benchmark runs it on a local zip.
/// </summary>
public static class DatasetRecipe
{
    private static readonly PngEncoder LosslessPng = new() { CompressionLevel = PngCompressionLevel.BestCompression };

    /// <summary>
    /// The index of a dataset: its classes, the recipe, how its pairs are made (the recipe's <see cref="PairPlan"/>, so that a
    /// local run of the same zip makes the same pairs), and chunks of ClassesPerChunk classes.
    /// </summary>
    public static DatasetIndex Plan(
        PreparationOptions options,
        string datasetId,
        string source,
        string sourceETag,
        ClassIndex classes,
        TrainingRecipe recipe)
    {
        var chunks = new List<ChunkRange>();
        for (int first = 0; first < classes.Classes.Count; first += options.ClassesPerChunk)
            chunks.Add(new ChunkRange(first, Math.Min(options.ClassesPerChunk, classes.Classes.Count - first)));
        var pairPlan = PairPlan.Of(recipe.Training);
        return new DatasetIndex(datasetId, source, sourceETag, pairPlan.Seed, options.ImageSize, options.ColorMode,
            JitterSettings.Of(options.Jitter), options.Pairs.PositivesPerClass, options.Pairs.NegativesPerClass, classes.Classes, chunks)
        {
            Recipe = recipe,
            PairPlan = pairPlan,
            StoredImageMaxSide = options.StoredImageMaxSide,
            Layout = classes.Layout,
        };
    }

    /// <summary>The classes of one chunk.</summary>
    public static IEnumerable<ImageClass> ClassesOf(DatasetIndex index, int chunk) =>
        index.Classes.Skip(index.Chunks[chunk].First).Take(index.Chunks[chunk].Count);

    /// <summary>
    /// The pairs of one chunk: those of its classes among the pairs the dataset's plan makes (<see cref="PairPlan.PairsOf"/>: of
    /// the recipe's training classes, negatives drawn from them too); genuine images only (<see cref="ImageClass.Images"/>),
    /// never impostors. A chunk of held-out classes has none.
    /// </summary>
    public static IReadOnlyList<ImagePair> PairsFor(DatasetIndex index, int chunk)
    {
        var sampling = new PairSamplingOptions { PositivesPerClass = index.PositivesPerClass, NegativesPerClass = index.NegativesPerClass };
        // Indexes from before plans were recorded made random pairs over every class.
        PairPlan plan = index.PairPlan ?? new PairPlan(index.Seed, PairSelection.Random, 0, 0, 0);
        return plan.PairsOf(index.Classes, ClassesOf(index, chunk).Select(c => c.Name).ToHashSet(StringComparer.Ordinal), sampling);
    }

    /// <summary>Every image of the chunk's classes, genuine then impostors, class by class.</summary>
    public static IEnumerable<(string Class, string Entry, bool Impostor)> ImagesOf(DatasetIndex index, int chunk) =>
        ClassesOf(index, chunk).SelectMany(c =>
            c.Images.Select(image => (c.Name, image, false)).Concat(c.Impostors.Select(image => (c.Name, image, true))));

    /// <summary>
    /// Every image of the chunk's classes (<see cref="ImagesOf"/>), decoded and stored losslessly (<see cref="StoredImage"/>),
    /// packed into a class image shard; impostors are flagged.
    /// </summary>
    public static byte[] BuildImageShard(
        DatasetIndex index,
        int chunk,
        IReadOnlyDictionary<string, byte[]> images,
        long maxPixels,
        CancellationToken cancellationToken)
    {
        var entries = ImagesOf(index, chunk).ToList();
        var stored = new byte[entries.Count][];
        ParallelWork.For(entries.Count, cancellationToken, i =>
            stored[i] = StoredImage.Encode(images[entries[i].Entry], entries[i].Entry, index.StoredImageMaxSide, maxPixels));
        return ImageShardFormat.Write(entries.Select((e, i) => (e.Class, e.Entry, e.Impostor, stored[i])).ToList());
    }

    /// <summary>Renders the pairs (jitter, stack) in parallel and packs them into a shard.</summary>
    public static byte[] Build(
        DatasetIndex index,
        IReadOnlyList<ImagePair> pairs,
        IReadOnlyDictionary<string, byte[]> images,
        long maxPixels,
        CancellationToken cancellationToken)
    {
        var preprocessor = new PairPreprocessor(index.Jitter.ToOptions(), index.ImageSize);
        var renderer = new PairRenderer(preprocessor, index.ColorMode, index.Seed, index.PairPlan?.JpegQuality ?? 0, maxPixels);
        var png = new byte[pairs.Count][];
        ParallelWork.For(pairs.Count, cancellationToken, i =>
        {
            using Image rendered = renderer.Render(pairs[i], images[pairs[i].FirstImage], images[pairs[i].SecondImage]);
            using var file = new MemoryStream();
            rendered.Save(file, LosslessPng);
            png[i] = file.ToArray();
        });
        return ShardFormat.Write(pairs.Select((p, i) => (p, png[i])).ToList());
    }
}
