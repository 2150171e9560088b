namespace Siamese.Model.Evaluation;

/// <summary>
/// The similarity at or above which a checkpoint calls two images the same, chosen on its validation pairs (each
/// trial's query with its answer, and with every other candidate) to maximise balanced accuracy: the mean of the rates
/// of same-class pairs called same and of different-class pairs called different, so that the many different-class
/// pairs of an N-way trial do not outweigh the few same-class ones.
/// </summary>
public sealed record DecisionThreshold(
    double Similarity, double BalancedAccuracy, double TruePositiveRate, double TrueNegativeRate, int SamePairs, int DifferentPairs)
{
    public const string CriterionName = "best balanced accuracy on the validation pairs";

    /// <summary>The criterion of a threshold chosen on genuine against impostor pairs (`evaluate --threshold-on impostors`).</summary>
    public const string ImpostorCriterionName = "best balanced accuracy on the genuine and impostor validation pairs";

    public string Criterion { get; init; } = CriterionName;

    /// <summary>
    /// The threshold of best balanced accuracy over the scores (logits) of same-class and different-class pairs; it
    /// lies halfway between the lowest score called same and the next score below it. Null without pairs of both kinds.
    /// </summary>
    public static DecisionThreshold? Choose(IReadOnlyList<float> same, IReadOnlyList<float> different)
    {
        if (same.Count == 0 || different.Count == 0) return null;
        IReadOnlyList<RocPoint> curve = OneShotMetrics.RocCurve(same, different);
        int best = 1;
        for (int i = 2; i < curve.Count; i++)
            if (Balanced(curve[i]) > Balanced(curve[best])) best = i;

        double logit = best + 1 < curve.Count ? (curve[best].Threshold + curve[best + 1].Threshold) / 2 : curve[best].Threshold;
        RocPoint point = curve[best];
        return new DecisionThreshold(Math.Round(SimilarityScale.FromLogit(logit), 6), Math.Round(Balanced(point), 6),
            Math.Round(point.TruePositiveRate, 6), Math.Round(1 - point.FalsePositiveRate, 6), same.Count, different.Count);
    }

    /// <summary>
    /// The threshold chosen on the pairs of a one-shot evaluation
    /// (see <see cref="Choose(IReadOnlyList{float}, IReadOnlyList{float})"/>).
    /// </summary>
    public static DecisionThreshold? Choose(OneShotResult result, IReadOnlyList<OneShotTrial> trials)
    {
        var (same, different) = OneShotMetrics.PairScores(result, trials);
        return Choose(same, different);
    }

    private static double Balanced(RocPoint point) => (point.TruePositiveRate + 1 - point.FalsePositiveRate) / 2;

    public override string ToString() =>
        FormattableString.Invariant(
            $"isSame threshold {Similarity:0.000} (balanced accuracy {BalancedAccuracy:P1}: {TruePositiveRate:P1} of {SamePairs:N0} ") +
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{(OnImpostors ? "genuine" : "same-class")} and {TrueNegativeRate:P1} of {DifferentPairs:N0} " +
            $"{(OnImpostors ? "impostor" : "different-class")} validation pairs right)");

    private bool OnImpostors => Criterion == ImpostorCriterionName;
}
