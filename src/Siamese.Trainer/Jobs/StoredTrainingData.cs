using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Storage.Datasets;
using SixLabors.ImageSharp;

namespace Siamese.Trainer.Jobs;

/// <summary>The rendered pairs of a prepared dataset (the original recipe trains on them) as training samples.</summary>
public static class StoredTrainingData
{
    /// <summary>
    /// The pairs decoded to planar bytes. They must be a run's own (<see cref="DatasetIndex.HasPairsOf"/>): made of its
    /// training classes only, as a local run of the same zip makes them.
    /// </summary>
    public static IReadOnlyList<PairSample> Pairs(IReadOnlyList<(ShardPair Pair, byte[] Png)> pairs, IReadOnlySet<string> trainingClasses,
        DatasetIndex index, ColorMode colorMode, int imageSize)
    {
        if (index.ImageSize != imageSize)
            throw new InvalidInputException("dataset.image-size",
                $"Dataset {index.DatasetId} has {index.ImageSize}x{index.ImageSize} pair images; the model takes {imageSize}x{imageSize}.");
        bool OfTraining(ShardPair pair) => trainingClasses.Contains(pair.FirstClass) && trainingClasses.Contains(pair.SecondClass);
        if (pairs.Select(p => p.Pair).FirstOrDefault(p => !OfTraining(p)) is { } outside)
            throw new InvalidOperationException($"Dataset {index.DatasetId}'s pair {outside.Key} touches a class the run holds out: " +
                                                "its pairs were made for another split.");
        var samples = new PairSample[pairs.Count];
        ParallelWork.For(pairs.Count, CancellationToken.None, i =>
        {
            var (pair, png) = pairs[i];
            using Image image = ImageDecoder.Decode(png, pair.File, colorMode);
            samples[i] = new PairSample(pair.Key, ImageTensors.ToPlanarBytes(image), pair.IsSame);
        });
        return samples;
    }
}
