namespace Siamese.Model.Data;

/// <summary>The classes and pairs a <see cref="PairPlan"/> makes of a dataset.</summary>
public static class PairPlanExtensions
{
    /// <summary>
    /// The classes the pairs are made of: those a run with this plan trains on (<see cref="ClassSplit"/>), in order. Too few
    /// classes for the split: all of them (a run of the plan fails on them with data.too-few-classes, here or locally).
    /// </summary>
    public static IReadOnlyList<ImageClass> TrainingClasses(this PairPlan plan, IReadOnlyList<ImageClass> classes) =>
        plan.ValidationFraction > 0 && classes.Count < ClassSplit.MinClasses
            ? classes
            : ClassSplit.Split(classes, plan.ValidationFraction, plan.Seed, plan.MinValidationClasses).Training;

    /// <summary>The sampler of this plan's pairs.</summary>
    public static PairSampler Sampler(this PairPlan plan, PairSamplingOptions sampling) => new(sampling, plan.Seed, plan.Selection);

    /// <summary>The pairs of the training classes (<see cref="TrainingClasses"/>) named in <paramref name="of"/>.</summary>
    public static IReadOnlyList<ImagePair> PairsOf(this PairPlan plan, IReadOnlyList<ImageClass> classes, IReadOnlySet<string> of,
        PairSamplingOptions sampling) =>
        plan.Sampler(sampling).Sample(plan.TrainingClasses(classes), of);
}
