using Siamese.Model.Network;
using Siamese.Trainer.Commands;

namespace Siamese.Trainer.Evaluation;

/// <summary>What `evaluate` was asked: the checkpoint, the trials to score it on, and what to do with the scores.</summary>
internal sealed record EvaluationRequest(string Checkpoint, ModelConfig? Expected)
{
    /// <summary>The Omniglot one-shot runs archive, or null when the trials are sampled from <see cref="Data"/>.</summary>
    public string? Runs { get; init; }

    public IReadOnlyList<string> Data { get; init; } = [];

    /// <summary>The checkpoint's own validation trials, over the classes its training held out of <see cref="Data"/>.</summary>
    public bool HeldOut { get; init; }

    public int Ways { get; init; }
    public int Trials { get; init; }
    public int Seed { get; init; }
    public bool Robustness { get; init; }
    public bool Calibrate { get; init; }
    public ThresholdPairs ThresholdOn { get; init; }

    /// <summary>isSame's threshold given on the command line (null: the calibrated one, else the checkpoint's).</summary>
    public double? Threshold { get; init; }

    public string? Report { get; init; }
    public bool Record { get; init; }

    /// <summary>The backbone computes in bfloat16, as serving's may (<see cref="InferenceOptimizations.BFloat16"/>).</summary>
    public bool BFloat16 { get; init; }
}
