using Microsoft.Extensions.Logging;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Imaging;

namespace Siamese.Model.Training;

/// <summary>Training pairs and validation trials from a local folder-per-class collection.</summary>
public sealed record TrainingData(PairDataset Pairs, OneShotSet? Validation, DataInfo Info, PreprocessingInfo Preprocessing);

/// <summary>
/// Indexes a zip or folder, splits its classes into training and validation, samples and renders the training pairs,
/// and samples the validation one-shot trials. Unusable input fails with one clear <see cref="InvalidInputException"/>.
/// </summary>
public sealed partial class TrainingDataBuilder(ILogger<TrainingDataBuilder> logger)
{
    public TrainingData Build(string source, int imageSize, ColorMode colorMode, JitterOptions jitter, PairSamplingOptions sampling,
        TrainingOptions training, CancellationToken cancellationToken)
    {
        using ImageArchive archive = ImageArchive.Open(source);
        ClassIndex index = ClassIndex.Build(archive.Entries).RequireTrainable(source);
        LogIndex(archive.Name, index.Classes.Count, index.ImageCount, index.SkippedClasses.Count, index.NonImageEntries, index.ImagesOutsideClasses);
        if (index.SkippedClasses.Count > 0)
            LogSkipped(index.SkippedClasses.Count, string.Join(", ", index.SkippedClasses.Take(10)));

        var (trainClasses, validationClasses) = ClassSplit.Split(index.Classes, training.ValidationFraction, training.Seed);
        var preprocessor = new PairPreprocessor(jitter, imageSize);

        IReadOnlyList<ImagePair> pairs = new PairSampler(sampling, training.Seed).Sample(trainClasses);
        if (pairs.Count == 0)
            throw new InvalidInputException("data.no-pairs", $"No pairs could be sampled from '{source}': set positive or negative pairs per class above 0.");
        var renderer = new PairRenderer(preprocessor, colorMode, training.Seed);
        IReadOnlyList<PairSample> samples = renderer.RenderAll(pairs, archive, cancellationToken);

        OneShotSet? validation = null;
        if (validationClasses.Count > 0)
        {
            int ways = Math.Min(training.ValidationWays, validationClasses.Count);
            validation = new OneShotSetLoader(preprocessor, colorMode)
                .Sample(archive, validationClasses, ways, training.ValidationTrials, training.Seed, $"validation: {validationClasses.Count} held-out classes");
        }
        LogSplit(trainClasses.Count, samples.Count, validationClasses.Count, validation?.Ways ?? 0, validation?.Trials.Count ?? 0);

        return new TrainingData(
            new PairDataset(samples, colorMode.Channels(), imageSize),
            validation,
            new DataInfo(archive.ContentId, archive.Name, trainClasses.Count, validationClasses.Count, samples.Count),
            new PreprocessingInfo(colorMode, jitter.ResizeTo, jitter.CropTo, imageSize));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: {Classes} classes, {Images} images; skipped {Skipped} classes with fewer than two images, {NonImages} non-image files, {Outside} images outside class folders")]
    private partial void LogIndex(string source, int classes, int images, int skipped, int nonImages, int outside);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Count} classes with fewer than two images: {Examples}")]
    private partial void LogSkipped(int count, string examples);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training on {TrainClasses} classes ({Pairs} pairs); validating on {ValidationClasses} held-out classes ({Ways}-way, {Trials} trials)")]
    private partial void LogSplit(int trainClasses, int pairs, int validationClasses, int ways, int trials);
}
