using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Imaging;
using Siamese.Model.Training;
using Siamese.Pipeline.Datasets;
using SixLabors.ImageSharp;

namespace Siamese.Trainer.Jobs;

/// <summary>
/// Training pairs and validation trials from a prepared dataset. Classes are split as for local data; pairs that
/// touch a held-out class are left out of training, and the halves of those pairs (single, jittered images of
/// known class) become the pool of the validation one-shot trials.
/// </summary>
public static class StoredTrainingData
{
    public static TrainingData Build(PreparedDataset dataset, ColorMode colorMode, int imageSize, TrainingOptions training)
    {
        DatasetIndex index = dataset.Index;
        if (index.ImageSize != imageSize)
            throw new InvalidInputException("dataset.image-size", $"Dataset {index.DatasetId} has {index.ImageSize}x{index.ImageSize} images; the model takes {imageSize}x{imageSize}.");

        var (trainClasses, validationClasses) = ClassSplit.Split(index.Classes, training.ValidationFraction, training.Seed);
        var trainingNames = trainClasses.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var heldOut = validationClasses.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

        var samples = new List<PairSample>();
        var validationImages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var validationPool = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (pair, png) in dataset.Pairs)
        {
            using Image image = ImageDecoder.Decode(png, pair.File, colorMode);
            if (trainingNames.Contains(pair.FirstClass) && trainingNames.Contains(pair.SecondClass))
            {
                samples.Add(new PairSample(pair.Key, ImageTensors.ToPlanarBytes(image), pair.IsSame));
                continue;
            }
            var (top, bottom) = PairImage.Split(image);
            using (top)
            using (bottom)
            {
                AddToPool(pair.FirstClass, pair.Key + "/first", top);
                AddToPool(pair.SecondClass, pair.Key + "/second", bottom);
            }
        }

        OneShotSet? validation = null;
        var poolClasses = validationPool.Where(p => p.Value.Count >= 2).Select(p => new ImageClass(p.Key, p.Value)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        if (poolClasses.Count >= 2)
        {
            int ways = Math.Min(training.ValidationWays, poolClasses.Count);
            string name = $"validation: {poolClasses.Count} held-out classes";
            validation = new OneShotSet(name, ways, OneShotSetLoader.SampleTrials(poolClasses, ways, training.ValidationTrials, training.Seed, name),
                validationImages, colorMode.Channels(), imageSize);
        }

        return new TrainingData(
            new PairDataset(samples, colorMode.Channels(), imageSize),
            validation,
            new DataInfo(index.DatasetId, index.Source, trainClasses.Count, validationClasses.Count, samples.Count),
            new PreprocessingInfo(colorMode, index.Jitter.ResizeTo, index.Jitter.CropTo, imageSize));

        void AddToPool(string cls, string key, Image half)
        {
            if (!heldOut.Contains(cls)) return;
            validationImages[key] = ImageTensors.ToPlanarBytes(half);
            if (!validationPool.TryGetValue(cls, out var images)) validationPool[cls] = images = [];
            images.Add(key);
        }
    }
}
