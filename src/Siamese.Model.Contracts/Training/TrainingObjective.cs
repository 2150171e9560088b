namespace Siamese.Model.Training;

/// <summary>
/// What one training step learns from, as the option names it (<see cref="TrainingOptions.Objective"/>); the objective that
/// does it is <see cref="Objectives.TrainingObjectives.For"/>'s.
/// </summary>
public enum TrainingObjective
{
    Pairs,
    InBatch,
}
