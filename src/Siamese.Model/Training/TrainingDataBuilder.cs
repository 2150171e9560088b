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

    /// <summary>
    /// Genuine-against-impostor trials over the held-out classes that have impostors (<see cref="Evaluation.ImpostorTrials"/>).
    /// </summary>
    public OneShotSet? ImpostorTrials { get; init; }
}

/// <summary>
/// Indexes a zip or folder, splits its classes into training and validation, samples and renders the training pairs,
/// and samples the validation one-shot trials (and the impostor trials, where held-out classes have impostors). Unusable
/// input fails with one clear <see cref="InvalidInputException"/>.
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
            classes = LoadClasses(archive, trainClasses, training.ImpostorsPerClass > 0, preprocessor, colorMode, cancellationToken);
        else if (renderedPairs is not null)
            samples = renderedPairs(trainClasses.Select(c => c.Name).ToHashSet(StringComparer.Ordinal));
        else
        {
            var plan = PairPlan.Of(training);
            IReadOnlyList<ImagePair> pairs = plan.Sampler(sampling).Sample(trainClasses);
            if (pairs.Count == 0)
                throw new InvalidInputException("data.no-pairs",
                    $"No pairs could be sampled from '{source}': set positive or negative pairs per class above 0.");
            samples = new PairRenderer(preprocessor, colorMode, plan.Seed, plan.JpegQuality).RenderAll(pairs, archive, cancellationToken);
        }

        var loader = new OneShotSetLoader(preprocessor, colorMode);
        OneShotSet? validation = ValidationTrials.Sample(archive, validationClasses, training, loader);
        OneShotSet? impostorTrials = ImpostorTrials.Sample(archive, validationClasses, training, loader);
        string data = classes is null ? $"{samples.Count} pairs"
            : classes.ImpostorCount > 0 ? $"{classes.ImageCount} images and {classes.ImpostorCount} impostors"
            : $"{classes.ImageCount} images";
        if (validation is null) LogNoSplit(trainClasses.Count, data);
        else LogSplit(trainClasses.Count, data, validationClasses.Count, validation.Ways, validation.Trials.Count);
        if (impostorTrials is not null) LogImpostorTrials(impostorTrials.Name, impostorTrials.Trials.Count);

        return new TrainingData(
            new PairDataset(samples, colorMode.Channels(), imageSize),
            validation,
            new DataInfo(archive.ContentId, archive.Name, trainClasses.Count, validationClasses.Count, samples.Count),
            new PreprocessingInfo(colorMode, jitter.ResizeTo, jitter.CropTo, imageSize, jitter.Resampler, jitter.Paper,
                jitter.Strokes) { Fit = jitter.Fit })
        {
            Classes = classes,
            ImpostorTrials = impostorTrials,
        };
    }

    /// <summary>
    /// Every image of the training classes, and their impostors when <paramref name="withImpostors"/>, with the deterministic
    /// preprocessing (distortions come per batch).
    /// </summary>
    private static ClassImageSet LoadClasses(ImageArchive archive, IReadOnlyList<ImageClass> classes, bool withImpostors,
        PairPreprocessor preprocessor, ColorMode colorMode, CancellationToken cancellationToken)
    {
        // Impostors are preprocessed only for runs that train on them.
        var impostors = classes.Select(c => withImpostors ? c.Impostors : []).ToList();
        return new ClassImageSet(Load(archive, classes.Select(c => c.Images).ToList(), preprocessor, colorMode, cancellationToken),
            colorMode.Channels(), preprocessor.OutputSize)
        {
            Impostors = Load(archive, impostors, preprocessor, colorMode, cancellationToken),
        };
    }

    /// <summary>Each group's entries as network inputs, in the groups' order.</summary>
    private static List<IReadOnlyList<byte[]>> Load(ImageArchive archive, IReadOnlyList<IReadOnlyList<string>> groups,
        PairPreprocessor preprocessor, ColorMode colorMode, CancellationToken cancellationToken)
    {
        var entries = groups.SelectMany(g => g).ToList();
        var raw = entries.Select(archive.Read).ToList();
        var pixels = new byte[entries.Count][];
        ParallelWork.For(entries.Count, cancellationToken, i => pixels[i] = preprocessor.ToNetworkInput(raw[i], entries[i], colorMode));
        var byGroup = new List<IReadOnlyList<byte[]>>(groups.Count);
        int next = 0;
        foreach (IReadOnlyList<string> group in groups)
        {
            byGroup.Add(pixels[next..(next + group.Count)]);
            next += group.Count;
        }
        return byGroup;
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

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Training on all {TrainClasses} classes ({Data}); none is held out, so no epoch is validated")]
    private partial void LogNoSplit(int trainClasses, string data);

    [LoggerMessage(Level = LogLevel.Information, Message = "Also validating on {Name} ({Trials} trials, genuine against impostor)")]
    private partial void LogImpostorTrials(string name, int trials);
}
