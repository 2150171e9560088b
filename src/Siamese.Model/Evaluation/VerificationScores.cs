namespace Siamese.Model.Evaluation;

/// <summary>
/// How well scores (the head's logits) tell genuine pairs from impostor pairs: the ROC AUC, the equal error rate, and the
/// false accept and false reject rates at an isSame threshold. The impostors may be a class's own (forgeries) or images of
/// other classes; either way they are the pairs that must not be called the same.
/// </summary>
public sealed class VerificationScores(IReadOnlyList<float> genuine, IReadOnlyList<float> impostors)
{
    public IReadOnlyList<float> Genuine => genuine;

    public IReadOnlyList<float> Impostors => impostors;

    /// <summary>The probability that a random genuine pair scores above a random impostor pair (ties half); NaN without both.</summary>
    public double RocAuc => OneShotMetrics.RocAuc(genuine, impostors);

    /// <summary>
    /// The rate at which false accepts (impostor pairs called the same) and false rejects (genuine pairs called different)
    /// are equal, interpolated linearly between the two points of the ROC curve where they cross; NaN without both kinds.
    /// </summary>
    public double EqualErrorRate
    {
        get
        {
            if (genuine.Count == 0 || impostors.Count == 0) return double.NaN;
            IReadOnlyList<RocPoint> curve = OneShotMetrics.RocCurve(genuine, impostors);
            for (int i = 1; i < curve.Count; i++)
            {
                double gap = Gap(curve[i]);
                if (gap < 0) continue;
                if (gap == 0) return curve[i].FalsePositiveRate;
                double before = Gap(curve[i - 1]), t = -before / (gap - before);
                return curve[i - 1].FalsePositiveRate + t * (curve[i].FalsePositiveRate - curve[i - 1].FalsePositiveRate);
            }
            return curve[^1].FalsePositiveRate; // not reached: the curve ends at (1, 1), where the gap is 1
        }
    }

    /// <summary>The fraction of impostor pairs whose similarity is at or above <paramref name="similarityThreshold"/>.</summary>
    public double FalseAcceptRate(double similarityThreshold) =>
        impostors.Count == 0 ? double.NaN : At(similarityThreshold).FalsePositiveRate;

    /// <summary>The fraction of genuine pairs whose similarity is below <paramref name="similarityThreshold"/>.</summary>
    public double FalseRejectRate(double similarityThreshold) =>
        genuine.Count == 0 ? double.NaN : 1 - At(similarityThreshold).TruePositiveRate;

    // False accept rate minus false reject rate at a point of the curve: negative until the two cross.
    private static double Gap(RocPoint point) => point.FalsePositiveRate - (1 - point.TruePositiveRate);

    private RocPoint At(double similarityThreshold) =>
        OneShotMetrics.OperatingPoint(genuine, impostors, SimilarityScale.ToLogit(similarityThreshold));
}
