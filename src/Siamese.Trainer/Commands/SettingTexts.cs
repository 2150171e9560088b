using System.Collections.Frozen;

namespace Siamese.Trainer.Commands;

/// <summary>
/// The words of the command line for each setting: what it means (--help and the tables of docs/trainer.md and
/// docs/pipeline.md show it, next to the default read from the options class) and, where the trainer has an
/// established short name, that name. Every other option is named "--" and the property's name in kebab case
/// ("--batch-size" for Training:BatchSize). A property without a line here still becomes an option; SettingOptionsTests
/// ask for its description.
/// </summary>
internal static class SettingTexts
{
    private static readonly FrozenDictionary<string, SettingText> ByKey = new Dictionary<string, SettingText>
    {
        ["Training:Epochs"] = new("Epochs"),
        ["Training:BatchSize"] = new("Pairs per step"),
        ["Training:LearningRate"] = new("Adam learning rate (Keras' betas 0.9/0.999, epsilon 1e-7)", "--lr"),
        ["Training:LabelSmoothing"] = new("Label smoothing of the binary cross-entropy: y becomes y(1 - s) + s/2"),
        ["Training:ValidationFraction"] = new("Fraction of classes held out for validation, class-disjoint (0 = none)"),
        ["Training:MinValidationClasses"] = new("Hold out at least this many classes (up to half), whatever the fraction gives " +
                                                "(0 = the fraction alone)"),
        ["Training:ValidationWays"] = new("Ways of the validation one-shot trials (fewer when fewer classes are held out)"),
        ["Training:ValidationTrials"] = new("One-shot trials per validation"),
        ["Training:Seed"] = new("Seed of the split, pairs, jitter, shuffling and initial weights"),
        ["Training:MaxSteps"] = new("Stop after this many steps in total (0 = no limit)"),
        ["Training:Objective"] = new("Pairs: the original's rendered pairs, one loss term each. InBatch: batches of classes " +
                                     "x images, every pair within a batch scored by the head, same- and different-class " +
                                     "pairs weighted equally"),
        ["Training:ClassesPerBatch"] = new("InBatch: classes per batch"),
        ["Training:ImagesPerClass"] = new("InBatch: images of each class per batch"),
        ["Training:StepsPerEpoch"] = new("InBatch: steps per epoch (0 = one pass over the training images)"),
        ["Training:RotatedClasses"] = new("InBatch: each class turned by 90, 180 and 270 degrees counts as three more classes"),
        ["Training:Affine"] = new("InBatch: strength of random affine distortions per image " +
                                  "(0 = none; 1 = rotation ±10°, scale and shift ±10 %, shear ±0.2)"),
        ["Training:Photometric"] = new("InBatch: strength of random brightness and contrast changes per image " +
                                       "(0 = none; 1 = brightness ±0.15, contrast x0.75 to x1.33)"),
        ["Training:Start"] = new("Scratch (the original's: fresh weights) or Served: start from the model the name serves, " +
                                 "or the shipped model (a new name, a local run), where the network's widths and blocks match"),
        ["Training:ImpostorsPerClass"] = new("InBatch: up to this many impostors of each drawn class (e.g. its forgeries) join " +
                                             "the batch as hard negatives (0 = impostors are not trained on)"),
        ["Training:ImpostorWeight"] = new("InBatch with impostors: share of the different-class half of the loss that goes to " +
                                          "pairs of a class's image and its own impostor, when the batch has any (unset = 0.5)"),
        ["Training:PairSelection"] = new("Pairs: Random (distinct random positives, negatives from random other classes) or " +
                                         "ListingOrder (the original's: positives chained in listing order, negatives from one " +
                                         "seeded NumPy shuffle of all images)"),
        ["Training:PairJpegQuality"] = new("Pairs: JPEG quality each pair picture goes through before training, as the original " +
                                           "saved its pairs (95); 0 = lossless"),
        ["Training:KeptEpoch"] = new("Best (the epoch with the best validation score) or Last (the original's: the last epoch, " +
                                     "no early stopping)"),
        ["Training:ChallengeTrials"] = new("Trials a pipeline run meets the served model on: HeldOut (the upload's held-out " +
                                           "classes) or ShippedBenchmark (Lake's runs, for a recipe that holds out nothing)"),
        ["Training:Schedule"] = new("Constant learning rate, or Cosine: linear warm-up over 2 % of the steps, " +
                                    "cosine decay to 2 % of the rate"),
        ["Training:BatchNormMomentum"] = new("Momentum of the BatchNorm statistics, PyTorch convention (0.01 = Keras' 0.99, the " +
                                             "original's; 0.1 makes evaluation follow training after far fewer steps)", "--bn-momentum"),
        ["Training:EarlyStoppingPatience"] =
            new("Stop after this many epochs without a better validation score (0 = never)", "--patience"),
        ["Training:Device"] = new("auto (CUDA when available, else CPU), cpu or cuda[:N]"),
        ["Training:ProgressIntervalSeconds"] = new("Seconds between progress lines"),
        ["Model:ColorMode"] = new("Rgb (as the original) or Grayscale", "--color"),
        ["Model:ImageSize"] = new("Side of each input image in pixels"),
        ["Model:Width"] = new("Multiplier of all channel counts and of the embedding and head sizes (1 = the original; " +
                              "0.125 is a tiny CPU model)"),
        ["Model:BlocksPerStage"] = new("Residual blocks in each of the four stages, comma-separated", "--blocks"),
        ["Model:EcaKernels"] = new("ECA kernel sizes: NaturalLog (the original: 2, 2, 3, 3 at width 1) or Log2 (3, 4, 4, 5; " +
                                   "the inbatch recipe's)"),
        ["Model:DownsamplePadding"] = new("Stride-2 padding: KerasSame (the original: the odd pixel after) or Symmetric " +
                                          "(one pixel each side; the inbatch recipe's)"),
        ["Jitter:ResizeTo"] = new("Side each image is resized to before the crop"),
        ["Jitter:CropTo"] = new("Side of the crop (random in training, centred in evaluation and serving)"),
        ["Jitter:FlipProbability"] = new("Probability of the pair jitter's horizontal flip", "--flip"),
        ["Jitter:Resampler"] = new("HalfPixelNearest (TF2's nearest resize, the original's), Area (averages pixels; keeps thin " +
                                   "strokes at 32 px) or Nearest (ImageSharp's rule, which older checkpoints recorded); " +
                                   "recorded in the checkpoint and used by evaluation and serving"),
        ["Jitter:Paper"] = new("AsIs (the original's) or Light (an image on dark paper is inverted, so ink is always dark on " +
                               "light paper); recorded in the checkpoint and used by evaluation and serving"),
        ["Jitter:Strokes"] = new("AsIs (the original's) or Redrawn (drawings are thinned to centre lines and redrawn black on " +
                                 "white at one pen width, size and position); recorded in the checkpoint and used by evaluation " +
                                 "and serving"),
        ["Jitter:Fit"] = new("Stretch (the original's) or Pad (images are padded to a square with their paper's colour, " +
                             "keeping their aspect); recorded in the checkpoint and used by evaluation and serving"),
        ["Watch:PollIntervalSeconds"] = new("Seconds between polls of an empty queue"),
        ["Watch:VisibilityTimeoutSeconds"] = new("Seconds a request stays invisible to other consumers; renewed at half this " +
                                                 "interval while training"),
        ["Watch:MaxAttempts"] = new("Deliveries of one request before it moves to the poison queue"),
        ["Watch:MaxRequests"] = new("Stop after handling this many requests (0 = run until stopped)"),
        ["Watch:IdleExitSeconds"] = new("With --max-requests: stop, exit code 0, once the queue has been empty this many " +
                                        "seconds (0 = wait for requests however long)"),
    }.ToFrozenDictionary();

    /// <summary>Options that set several settings to one value (they share one default).</summary>
    public static IReadOnlyList<JointSetting> Joint { get; } =
    [
        new("--pairs-per-class", "Positive and negative pairs per class, each",
            ["Sampling:PositivesPerClass", "Sampling:NegativesPerClass"]),
    ];

    /// <param name="key">The setting's configuration key, e.g. "Training:BatchSize".</param>
    public static string NameOf(string key)
    {
        if (ByKey.GetValueOrDefault(key)?.Name is { } name) return name;
        string property = key[(key.LastIndexOf(':') + 1)..];
        return "--" + string.Concat(property.Select((c, i) =>
            char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
    }

    /// <summary>The settings described here, by configuration key.</summary>
    public static IEnumerable<string> DescribedKeys => ByKey.Keys;

    /// <summary>What the setting means; empty when no line here says it.</summary>
    public static string DescriptionOf(string key) => ByKey.GetValueOrDefault(key)?.Description ?? "";
}
