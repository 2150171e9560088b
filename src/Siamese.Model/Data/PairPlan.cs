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

    /// <summary>
    /// The classes the pairs are made of: those a run with this plan trains on (<see cref="ClassSplit"/>), in order. Too few
    /// classes for the split: all of them (a run of the plan fails on them with data.too-few-classes, here or locally).
    /// </summary>
    public IReadOnlyList<ImageClass> TrainingClasses(IReadOnlyList<ImageClass> classes) =>
        ValidationFraction > 0 && classes.Count < ClassSplit.MinClasses
            ? classes
            : ClassSplit.Split(classes, ValidationFraction, Seed, MinValidationClasses).Training;

    /// <summary>The sampler of this plan's pairs.</summary>
    public PairSampler Sampler(PairSamplingOptions sampling) => new(sampling, Seed, Selection);

    /// <summary>The pairs of the training classes (<see cref="TrainingClasses"/>) named in <paramref name="of"/>.</summary>
    public IReadOnlyList<ImagePair> PairsOf(IReadOnlyList<ImageClass> classes, IReadOnlySet<string> of, PairSamplingOptions sampling) =>
        Sampler(sampling).Sample(TrainingClasses(classes), of);
}
