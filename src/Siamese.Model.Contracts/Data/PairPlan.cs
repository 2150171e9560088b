using Siamese.Model.Training;

namespace Siamese.Model.Data;

/// <summary>
/// What decides a run's rendered pairs besides the images and their preprocessing: the classes it trains on (the split:
/// <see cref="ValidationFraction"/>, <see cref="MinValidationClasses"/>, <see cref="Seed"/>), which pairs of them
/// (<see cref="Selection"/>), their jitter's seed and the JPEG step. A dataset records the plan its pair shards were made
/// with; a run trains on them only when its own plan is the same, so the pipeline and a local run make the same pairs.
/// </summary>
public sealed record PairPlan(int Seed, PairSelection Selection, int JpegQuality, double ValidationFraction, int MinValidationClasses)
{
    public static PairPlan Of(TrainingOptions training) => new(training.Seed, training.PairSelection, training.PairJpegQuality,
        training.ValidationFraction, training.MinValidationClasses);
}
