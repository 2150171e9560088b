using System.ComponentModel.DataAnnotations;

namespace Siamese.Model.Training;

/// <summary>Hyper-parameters of a training run (section "Training"); defaults are the original's.</summary>
public sealed class TrainingOptions
{
    [Range(1, 100_000)] public int Epochs { get; set; } = 4;

    [Range(1, 65_536)] public int BatchSize { get; set; } = 128;

    [Range(1e-8, 1.0)] public double LearningRate { get; set; } = 1e-4;

    /// <summary>Keras-style label smoothing of the binary cross-entropy: y → y(1 − s) + s/2.</summary>
    [Range(0.0, 0.5)] public double LabelSmoothing { get; set; } = 0.01;

    /// <summary>Fraction of classes held out for validation (one-shot accuracy after each epoch); 0 disables it.</summary>
    [Range(0.0, 0.9)] public double ValidationFraction { get; set; } = 0.1;

    /// <summary>Ways of the validation one-shot trials (capped by the number of validation classes).</summary>
    [Range(2, 1000)] public int ValidationWays { get; set; } = 20;

    [Range(1, 1_000_000)] public int ValidationTrials { get; set; } = 400;

    public int Seed { get; set; } = 42;

    /// <summary>Stop after this many optimisation steps in total (0: no limit); for quick runs and tests.</summary>
    [Range(0, int.MaxValue)] public int MaxSteps { get; set; }

    /// <summary>"auto" (CUDA when available, else CPU), "cpu" or "cuda[:N]".</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Seconds between progress lines.</summary>
    [Range(0.0, 3600.0)] public double ProgressIntervalSeconds { get; set; } = 5;
}
