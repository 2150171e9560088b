using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Siamese.Model.Data;

namespace Siamese.Model.Training;

/// <summary>
/// Hyper-parameters of a training run (section "Training"). Defaults are the original's hyper-parameters; its data and
/// selection (listing-order pairs, JPEG pair pictures, no hold-out, the last epoch) are the `original` recipe's values.
/// </summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    [Range(1, 100_000)] public int Epochs { get; set; } = 4;

    [Range(1, 65_536)] public int BatchSize { get; set; } = 128;

    [Range(1e-8, 1.0)] public double LearningRate { get; set; } = 1e-4;

    /// <summary>Keras-style label smoothing of the binary cross-entropy: y → y(1 − s) + s/2.</summary>
    [Range(0.0, 0.5)] public double LabelSmoothing { get; set; } = 0.01;

    /// <summary>Fraction of classes held out for validation (one-shot accuracy after each epoch); 0 disables it.</summary>
    [Range(0.0, 0.9)] public double ValidationFraction { get; set; } = 0.1;

    /// <summary>
    /// Hold out at least this many classes (up to half of them) whatever <see cref="ValidationFraction"/> gives, so that a
    /// small upload's trials can still tell two models apart; 0 = the fraction alone. Left out of recipes' JSON at its default,
    /// so the fingerprints of runs made before it existed stay as they were.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [Range(0, 1_000_000)] public int MinValidationClasses { get; set; }

    /// <summary>Ways of the validation one-shot trials (capped by the number of validation classes).</summary>
    [Range(2, 1000)] public int ValidationWays { get; set; } = 20;

    [Range(1, 1_000_000)] public int ValidationTrials { get; set; } = 400;

    public int Seed { get; set; } = 42;

    /// <summary>Stop after this many optimisation steps in total (0: no limit); for quick runs and tests.</summary>
    [Range(0, int.MaxValue)] public int MaxSteps { get; set; }

    /// <summary>
    /// Pairs (the original: pre-rendered pairs, one loss term each) or InBatch: batches of
    /// <see cref="ClassesPerBatch"/> classes x <see cref="ImagesPerClass"/> images, every pair within the batch scored
    /// by the head (same-class and different-class pairs weighted equally): many more pair judgements per image embedded.
    /// </summary>
    public TrainingObjective Objective { get; set; } = TrainingObjective.Pairs;

    /// <summary>InBatch: classes per batch.</summary>
    [Range(2, 4096)] public int ClassesPerBatch { get; set; } = 32;

    /// <summary>InBatch: images of each class per batch.</summary>
    [Range(2, 256)] public int ImagesPerClass { get; set; } = 4;

    /// <summary>InBatch: steps per epoch; 0 = as many as make one pass over the training images.</summary>
    [Range(0, 10_000_000)] public int StepsPerEpoch { get; set; }

    /// <summary>InBatch: each class rotated by 90, 180 and 270 degrees counts as three more classes.</summary>
    public bool RotatedClasses { get; set; }

    /// <summary>
    /// InBatch: strength of the random affine distortion of each image (0 = none; 1 = rotation up to ±10°, scale
    /// ±10 %, shear up to ±0.2 and shift up to ±10 % of the side, as the published Siamese work distorted its pairs).
    /// </summary>
    [Range(0.0, 3.0)] public double Affine { get; set; }

    /// <summary>
    /// InBatch: strength of a random brightness and contrast change of each image (0 = none; 1 = brightness up to ±0.15 and
    /// contrast x0.75 to x1.33), for photos taken in other light. Left out of recipes' JSON at its default, so the
    /// fingerprints of runs made before it existed stay as they were.
    /// </summary>
    [Range(0.0, 3.0)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double Photometric { get; set; }

    /// <summary>
    /// Scratch (the original's: freshly initialised weights) or Served: the weights of the model the run's name serves (the
    /// shipped model for a new name or a local run), where the architecture allows (see <see cref="TrainingStart"/>).
    /// Left out of recipes' JSON at its default, as <see cref="Photometric"/> is.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public TrainingStart Start { get; set; } = TrainingStart.Scratch;

    /// <summary>
    /// InBatch: up to this many of a drawn class's impostors (images known not to be it, e.g. forgeries) join the batch as
    /// hard negatives; 0 (the default) leaves impostors out of training. Left out of recipes' JSON at its default, so the
    /// fingerprints of runs made before it existed stay as they were.
    /// </summary>
    [Range(0, 256)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int ImpostorsPerClass { get; set; }

    /// <summary>
    /// InBatch with <see cref="ImpostorsPerClass"/>: the share of the loss's different-class half that goes to pairs of a
    /// class's genuine image and one of its own impostors, when the batch has any; unset means
    /// <see cref="DefaultImpostorWeight"/>. Left out of recipes' JSON when unset, as <see cref="ImpostorsPerClass"/> is.
    /// </summary>
    [Range(0.0, 1.0)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double? ImpostorWeight { get; set; }

    /// <summary>The share <see cref="ImpostorWeight"/> stands for when unset.</summary>
    public const double DefaultImpostorWeight = 0.5;

    /// <summary>
    /// Pairs: how each class's pairs are chosen: Random, or ListingOrder (the original's chain of positives and one shuffle
    /// for negatives; see <see cref="ListingOrderPairs"/>). Left out of recipes' JSON at its default, as
    /// <see cref="Photometric"/> is.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public PairSelection PairSelection { get; set; }

    /// <summary>
    /// Pairs: each pair picture goes through JPEG at this quality and trains as it decodes, as the original saved its pairs
    /// (95, OpenCV's default; see <see cref="Imaging.PairJpeg"/>); 0 keeps them lossless. Left out of recipes' JSON at its
    /// default, as <see cref="Photometric"/> is.
    /// </summary>
    [Range(0, 100)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PairJpegQuality { get; set; }

    /// <summary>
    /// Best: the epoch with the best validation score is the run's model; Last: the last epoch trained (the original's),
    /// with no early stopping. Left out of recipes' JSON at its default, as <see cref="Photometric"/> is.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public KeptEpoch KeptEpoch { get; set; }

    /// <summary>
    /// The trials a pipeline run is scored on against the served model: HeldOut (the upload's held-out classes) or
    /// ShippedBenchmark (Lake's runs: the original holds out nothing). Left out of recipes' JSON at its default, as
    /// <see cref="Photometric"/> is.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ChallengeTrials ChallengeTrials { get; set; }

    /// <summary>Constant (the original) or Cosine: a short linear warm-up, then cosine decay to 2 % of the rate.</summary>
    public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.Constant;

    /// <summary>
    /// Momentum of the BatchNorm running statistics in PyTorch's convention (0.01 = Keras' 0.99, the original's).
    /// With 0.01 evaluation lags training by hundreds of steps; 0.1 (PyTorch's default) suits short CPU runs.
    /// </summary>
    [Range(0.0001, 1.0)] public double BatchNormMomentum { get; set; } = 0.01;

    /// <summary>Stop after this many epochs without a better validation score (0: never stop early).</summary>
    [Range(0, 100_000)] public int EarlyStoppingPatience { get; set; }

    /// <summary>"auto" (CUDA when available, else CPU), "cpu" or "cuda[:N]".</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Seconds between progress lines.</summary>
    [Range(0.0, 3600.0)] public double ProgressIntervalSeconds { get; set; } = 5;
}
