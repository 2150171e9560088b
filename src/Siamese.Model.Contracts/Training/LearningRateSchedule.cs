namespace Siamese.Model.Training;

/// <summary>How the learning rate changes over a run (see <see cref="TrainingOptions.Schedule"/>).</summary>
public enum LearningRateSchedule
{
    Constant,
    Cosine,
}
