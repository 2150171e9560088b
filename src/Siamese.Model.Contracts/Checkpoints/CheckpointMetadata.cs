using Siamese.Model.Evaluation;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Model.Recipes;
using Siamese.Model.Training;

namespace Siamese.Model.Checkpoints;

/// <summary>Everything needed to rebuild, preprocess for and judge a checkpoint; stored as checkpoint.json.</summary>
public sealed record CheckpointMetadata
{
    public const string CurrentFormat = "siamese-checkpoint/1";

    public string Format { get; init; } = CurrentFormat;
    public required string RunId { get; init; }
    public required int Epoch { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    public required ModelConfig Model { get; init; }
    public required PreprocessingInfo Preprocessing { get; init; }
    public required DataInfo Data { get; init; }
    public required MetricsInfo Metrics { get; init; }
    public required TrainingInfo Training { get; init; }
    public required string Device { get; init; }
    public required double WallTimeSeconds { get; init; }

    /// <summary>The network's scores for <see cref="CheckpointProbe"/>'s fixed input when this checkpoint was written.</summary>
    public IReadOnlyList<float>? ProbeScores { get; init; }

    /// <summary>The isSame threshold chosen on this checkpoint's validation pairs; null without a validation split.</summary>
    public DecisionThreshold? Threshold { get; init; }

    /// <summary>The recipe this checkpoint was trained with (name, overrides and every resolved value).</summary>
    public TrainingRecipe? Recipe { get; init; }

    /// <summary>Scores on a test benchmark, recorded by `evaluate --record` (never used to choose the model).</summary>
    public TestScores? Test { get; init; }

    /// <summary>The weights the run started from (see <see cref="Training.TrainingStart"/>); null when it started from scratch.</summary>
    public string? StartedFrom { get; init; }

    /// <summary>The epoch this run resumed from after an interruption, if it did.</summary>
    public int? ResumedFromEpoch { get; init; }
    public LibraryVersions Libraries { get; init; } = LibraryVersions.Unknown;
}

public sealed record PreprocessingInfo(
    ColorMode ColorMode, int ResizeTo, int CropTo, int ImageSize, Resampler Resampler = Resampler.Nearest, Paper Paper = Paper.AsIs,
    Strokes Strokes = Strokes.AsIs)
{
    /// <summary>How the image's aspect meets the square input; Stretch in checkpoints made before it was recorded.</summary>
    public ImageFit Fit { get; init; }

}

/// <summary>A checkpoint's scores on a one-shot test benchmark (e.g. all_runs.zip, 20 runs x 20 trials).</summary>
public sealed record TestScores(string Benchmark, int Trials, int Ways, double Accuracy, double AccuracyLow, double AccuracyHigh,
    int FewerWays, double FewerWaysAccuracy, double FewerWaysLow, double FewerWaysHigh, double RocAuc, DateTimeOffset EvaluatedUtc);

public sealed record DataInfo(string Id, string Source, int TrainingClasses, int ValidationClasses, int TrainingPairs);

public sealed record MetricsInfo(double TrainLoss, double? ValidationAccuracy, int ValidationWays, int ValidationTrials);

public sealed record TrainingInfo(int Epochs, int BatchSize, double LearningRate, double LabelSmoothing, int PositivesPerClass,
    int NegativesPerClass, double ValidationFraction, int Seed, long Steps)
{
    public TrainingObjective Objective { get; init; } = TrainingObjective.Pairs;
    public int? ClassesPerBatch { get; init; }
    public int? ImagesPerClass { get; init; }
    public bool RotatedClasses { get; init; }
    public double Affine { get; init; }
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;
    public double BatchNormMomentum { get; init; } = 0.01;

    /// <summary>The split's floor of held-out classes (0 in checkpoints from before it existed: the fraction alone).</summary>
    public int MinValidationClasses { get; init; }
    /// <summary>Impostors of each class per batch (<see cref="TrainingOptions.ImpostorsPerClass"/>); null when none were used.</summary>
    public int? ImpostorsPerClass { get; init; }
}

/// <summary>The versions of the libraries a checkpoint was made with (<c>LibraryVersionsInUse.Current</c> in Siamese.Model).</summary>
public sealed record LibraryVersions(string SiameseModel, string TorchSharp, string DotNet)
{
    /// <summary>What a checkpoint that recorded no versions says.</summary>
    public static LibraryVersions Unknown { get; } = new("unknown", "unknown", "unknown");
}
