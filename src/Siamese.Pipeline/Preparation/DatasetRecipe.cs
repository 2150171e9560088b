using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;
using Siamese.Storage.Datasets;
using SixLabors.ImageSharp;

namespace Siamese.Pipeline.Preparation;

/// <summary>
/// The storage-free core of dataset preparation: the plan (index and chunks) of a checked upload, the pairs of a
/// chunk, and a chunk's shard bytes from the source images. The functions run it over blob storage; the
/// benchmark runs it on a local zip.
/// </summary>
public static class DatasetRecipe
{
    /// <summary>The index of a dataset: its classes, the recipe from the options, and chunks of ClassesPerChunk classes.</summary>
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
        return new DatasetIndex(datasetId, source, sourceETag, options.Seed, options.ImageSize, options.ColorMode,
            new JitterSettings(options.Jitter.ResizeTo, options.Jitter.CropTo, options.Jitter.FlipProbability, options.Jitter.Resampler,
                options.Jitter.Paper, options.Jitter.Strokes),
            options.Pairs.PositivesPerClass, options.Pairs.NegativesPerClass, classes.Classes, chunks)
        {
            Recipe = recipe,
            StoredImageMaxSide = options.StoredImageMaxSide,
            Layout = classes.Layout,
        };
    }

    /// <summary>The classes of one chunk.</summary>
    public static IEnumerable<ImageClass> ClassesOf(DatasetIndex index, int chunk) =>
        index.Classes.Skip(index.Chunks[chunk].First).Take(index.Chunks[chunk].Count);

    /// <summary>
    /// The pairs of one chunk: those of its classes, with negatives drawn from every class of the dataset; genuine images
    /// only (<see cref="ImageClass.Images"/>), never impostors.
    /// </summary>
    public static IReadOnlyList<ImagePair> PairsFor(DatasetIndex index, int chunk)
    {
        var samplingOptions = new PairSamplingOptions
        {
            PositivesPerClass = index.PositivesPerClass,
            NegativesPerClass = index.NegativesPerClass,
        };
        var sampler = new PairSampler(samplingOptions, index.Seed);
        return ClassesOf(index, chunk).SelectMany(c => sampler.SampleClass(c, index.Classes)).ToList();
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
        var renderer = new PairRenderer(preprocessor, index.ColorMode, index.Seed, maxPixels);
        var rendered = new Image[pairs.Count];
        try
        {
            ParallelWork.For(pairs.Count, cancellationToken, i =>
                rendered[i] = renderer.Render(pairs[i], images[pairs[i].FirstImage], images[pairs[i].SecondImage]));
            return ShardFormat.Write(pairs.Select((p, i) => (p, rendered[i])).ToList());
        }
        finally
        {
            foreach (Image? image in rendered) image?.Dispose();
        }
    }
}
