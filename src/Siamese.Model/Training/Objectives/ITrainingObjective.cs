namespace Siamese.Model.Training.Objectives;

/// <summary>
/// What a run learns from (see <see cref="TrainingOptions.Objective"/>): the batches of each epoch and the loss of
/// each batch. The batches depend only on the run's seed and the epoch, so a resumed run draws what an uninterrupted
/// one would have drawn.
/// </summary>
public interface ITrainingObjective
{
    /// <summary>Optimisation steps in one epoch.</summary>
    int StepsPerEpoch { get; }

    /// <summary>What the run trains on, for the log.</summary>
    string Description { get; }

    /// <summary>The epoch's batches in order, <see cref="StepsPerEpoch"/> of them; each is drawn only when it is reached.</summary>
    IEnumerable<TrainingBatch> Batches(int epoch);
}
