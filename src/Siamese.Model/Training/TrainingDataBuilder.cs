using Microsoft.Extensions.Logging;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Imaging;
using Siamese.Model.Training.Batches;
using SixLabors.ImageSharp;

namespace Siamese.Model.Training;

/// <summary>Training pairs and validation trials from a local folder-per-class collection.</summary>
public sealed record TrainingData(PairDataset Pairs, OneShotSet? Validation, DataInfo Info, PreprocessingInfo Preprocessing)
{
    /// <summary>The training images by class, built for <see cref="TrainingObjective.InBatch"/> (no pairs are rendered then).</summary>
    public ClassImageSet? Classes { get; init; }
}

/// <summary>
/// Indexes a zip or folder, splits its classes into training and validation, samples and renders the training pairs,
/// and samples the validation one-shot trials. Unusable input fails with one clear <see cref="InvalidInputException"/>.
/// </summary>
public sealed partial class TrainingDataBuilder(ILogger<TrainingDataBuilder> logger)
{
    public TrainingData Build(string source, int imageSize, ColorMode colorMode, JitterOptions jitter, PairSamplingOptions sampling,
        TrainingOptions training, CancellationToken cancellationToken) =>
        Build([source], imageSize, colorMode, jitter, sampling, training, cancellationToken);

    /// <summary>As above, over several sources merged into one (see <see cref="MergedImageArchive"/>).</summary>
    public TrainingData Build(IReadOnlyList<string> sources, int imageSize, ColorMode colorMode, JitterOptions jitter,
        PairSamplingOptions sampling, TrainingOptions training, CancellationToken cancellationToken)
    {
        using ImageArchive archive = ImageArchive.Open(sources);
        return Build(archive, imageSize, colorMode, jitter, sampling, training, cancellationToken);
    }

    /// <summary>
    /// As above, over any archive. <paramref name="renderedPairs"/>, when given, supplies the training pairs of the
    /// training classes (named by the set it is given) instead of sampling and rendering them here: a prepared dataset's
    /// pairs.
    /// </summary>
    public TrainingData Build(ImageArchive archive, int imageSize, ColorMode colorMode, JitterOptions jitter,
        PairSamplingOptions sampling, TrainingOptions training, CancellationToken cancellationToken,
        Func<IReadOnlySet<string>, IReadOnlyList<PairSample>>? renderedPairs = null)
    {
        string source = archive.Name;
        ClassIndex index = ArchiveClasses.Index(archive).RequireTrainable(source);
        LogIndex(archive.Name, index.Classes.Count, index.ImageCount, index.SkippedClasses.Count, index.NonImageEntries,
            index.ImagesOutsideClasses);
        if (index.SkippedClasses.Count > 0)
            LogSkipped(index.SkippedClasses.Count, string.Join(", ", index.SkippedClasses.Take(10)));

        var (trainClasses, validationClasses) = ClassSplit.Split(index.Classes, training.ValidationFraction, training.Seed,
            training.MinValidationClasses);
        var preprocessor = new PairPreprocessor(jitter, imageSize);

        ClassImageSet? classes = null;
        IReadOnlyList<PairSample> samples = [];
        if (training.Objective == TrainingObjective.InBatch)
            classes = LoadClasses(archive, trainClasses, preprocessor, colorMode, cancellationToken);
        else if (renderedPairs is not null)
            samples = renderedPairs(trainClasses.Select(c => c.Name).ToHashSet(StringComparer.Ordinal));
        else
        {
            IReadOnlyList<ImagePair> pairs = new PairSampler(sampling, training.Seed).Sample(trainClasses);
            if (pairs.Count == 0)
                throw new InvalidInputException("data.no-pairs",
                    $"No pairs could be sampled from '{source}': set positive or negative pairs per class above 0.");
            samples = new PairRenderer(preprocessor, colorMode, training.Seed).RenderAll(pairs, archive, cancellationToken);
        }

        OneShotSet? validation = ValidationTrials.Sample(archive, validationClasses, training,
            new OneShotSetLoader(preprocessor, colorMode));
        LogSplit(trainClasses.Count, classes is null ? $"{samples.Count} pairs" : $"{classes.ImageCount} images", validationClasses.Count,
            validation?.Ways ?? 0, validation?.Trials.Count ?? 0);

        return new TrainingData(
            new PairDataset(samples, colorMode.Channels(), imageSize),
            validation,
            new DataInfo(archive.ContentId, archive.Name, trainClasses.Count, validationClasses.Count, samples.Count),
            new PreprocessingInfo(colorMode, jitter.ResizeTo, jitter.CropTo, imageSize, jitter.Resampler, jitter.Paper,
                jitter.Strokes) { Fit = jitter.Fit })
        {
            Classes = classes,
        };
    }

    /// <summary>Every image of the training classes, with the deterministic preprocessing (distortions come per batch).</summary>
    private static ClassImageSet LoadClasses(ImageArchive archive, IReadOnlyList<ImageClass> classes, PairPreprocessor preprocessor,
        ColorMode colorMode, CancellationToken cancellationToken)
    {
        var entries = classes.SelectMany(c => c.Images).ToList();
        var raw = entries.Select(archive.Read).ToList();
        var pixels = new byte[entries.Count][];
        ParallelWork.For(entries.Count, cancellationToken, i => pixels[i] = preprocessor.ToNetworkInput(raw[i], entries[i], colorMode));
        var byClass = new List<IReadOnlyList<byte[]>>(classes.Count);
        int next = 0;
        foreach (ImageClass imageClass in classes)
        {
            byClass.Add(pixels[next..(next + imageClass.Images.Count)]);
            next += imageClass.Images.Count;
        }
        return new ClassImageSet(byClass, colorMode.Channels(), preprocessor.OutputSize);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Source}: {Classes} classes, {Images} images; skipped {Skipped} classes with fewer than two images, " +
                  "{NonImages} non-image files, {Outside} images outside class folders")]
    private partial void LogIndex(string source, int classes, int images, int skipped, int nonImages, int outside);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Count} classes with fewer than two images: {Examples}")]
    private partial void LogSkipped(int count, string examples);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Training on {TrainClasses} classes ({Data}); validating on {ValidationClasses} held-out classes " +
                  "({Ways}-way, {Trials} trials)")]
    private partial void LogSplit(int trainClasses, string data, int validationClasses, int ways, int trials);
}
