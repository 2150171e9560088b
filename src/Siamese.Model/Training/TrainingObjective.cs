namespace Siamese.Model.Training;

/// <summary>What one training step learns from (see <see cref="TrainingOptions.Objective"/>).</summary>
public enum TrainingObjective
{
    Pairs,
    InBatch,
}

/// <summary>How the learning rate changes over a run (see <see cref="TrainingOptions.Schedule"/>).</summary>
public enum LearningRateSchedule
{
    Constant,
    Cosine,
}
