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
    /// The pairs whose two images both belong to training classes, decoded to planar bytes; pairs touching a held-out class
    /// are left out.
    /// </summary>
    public static IReadOnlyList<PairSample> Pairs(IReadOnlyList<(ShardPair Pair, byte[] Png)> pairs, IReadOnlySet<string> trainingClasses,
        DatasetIndex index, ColorMode colorMode, int imageSize)
    {
        if (index.ImageSize != imageSize)
            throw new InvalidInputException("dataset.image-size",
                $"Dataset {index.DatasetId} has {index.ImageSize}x{index.ImageSize} pair images; the model takes {imageSize}x{imageSize}.");
        var training = pairs.Where(p => trainingClasses.Contains(p.Pair.FirstClass) && trainingClasses.Contains(p.Pair.SecondClass))
            .ToList();
        var samples = new PairSample[training.Count];
        ParallelWork.For(training.Count, CancellationToken.None, i =>
        {
            var (pair, png) = training[i];
            using Image image = ImageDecoder.Decode(png, pair.File, colorMode);
            samples[i] = new PairSample(pair.Key, ImageTensors.ToPlanarBytes(image), pair.IsSame);
        });
        return samples;
    }
}
