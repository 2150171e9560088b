using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Network;
using Siamese.Model.Recipes;
using Siamese.Model.Training.Batches;

namespace Siamese.Model.Training;

/// <summary>What one training run works on; <see cref="Data"/> and <see cref="Preprocessing"/> go into every checkpoint.</summary>
public sealed record TrainingRun(
    string RunId,
    SiameseNetwork Network,
    PairDataset Pairs,
    OneShotSet? Validation,
    TrainingOptions Options,
    PairSamplingOptions Sampling,
    PreprocessingInfo Preprocessing,
    DataInfo Data)
{
    /// <summary>Where an interrupted run continues: its network already holds the checkpoint's weights.</summary>
    public ResumePoint? ResumeFrom { get; init; }

    /// <summary>The weights the run started from (<see cref="TrainingStart.Served"/>); null when it started from scratch.</summary>
    public string? StartedFrom { get; init; }

    /// <summary>The training images by class, for <see cref="TrainingObjective.InBatch"/>.</summary>
    public ClassImageSet? Classes { get; init; }

    /// <summary>Genuine-against-impostor trials over the held-out classes with impostors, scored after each epoch for the log.</summary>
    public OneShotSet? ImpostorTrials { get; init; }

    /// <summary>
    /// The named recipe the options came from, recorded in every checkpoint; null when they came from configuration alone.
    /// </summary>
    public TrainingRecipe? Recipe { get; init; }
}

/// <summary>The last checkpoint of an interrupted run: its epoch, step count, best score and optimizer state.</summary>
public sealed record ResumePoint(int Epoch, long Steps, double BestScore, byte[] OptimizerState)
{
    /// <summary>
    /// The run's history up to the checkpoint resumed from, when it was stored; used only if it ends at
    /// <see cref="Steps"/>.
    /// </summary>
    public TrainingHistory? History { get; init; }
}
