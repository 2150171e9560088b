namespace Siamese.Model.Evaluation;

/// <summary>Accuracy of a smaller one-shot problem carved out of each trial: the answer and some other candidates.</summary>
public sealed record FewerWaysResult(int Ways, int Trials, int Correct)
{
    public double Accuracy => Trials == 0 ? 0 : (double)Correct / Trials;
    public ProportionInterval Interval95 => ProportionInterval.Wilson95(Correct, Trials);

    public override string ToString() =>
        $"{Ways}-way one-shot accuracy: {Accuracy:P2} (95 % CI {Interval95.Low:P1} – {Interval95.High:P1}, " +
        $"{Correct}/{Trials} trials: the answer and {Ways - 1} other candidates of each trial)";
}

/// <summary>
/// Same-or-different judgement over the pairs of the trials: each query with its answer (same class) and with every other
/// candidate.
/// </summary>
public sealed record VerificationResult(double RocAuc, int SamePairs, int DifferentPairs)
{
    public override string ToString() =>
        $"Verification ROC AUC: {RocAuc:0.0000} ({SamePairs:N0} same-class and {DifferentPairs:N0} different-class pairs from the trials)";
}

/// <summary>One point of a ROC curve: pairs scoring at or above <paramref name="Threshold"/> are called the same.</summary>
public sealed record RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);

/// <summary>Further measures computed from the scores of a one-shot evaluation, without running the network again.</summary>
public static class OneShotMetrics
{
    /// <summary>
    /// N-way accuracy with fewer ways than the trials have: each trial keeps its answer and <paramref name="ways"/> − 1 other
    /// candidates chosen at random (seeded per trial), and counts as correct when the answer scores highest among them.
    /// </summary>
    public static FewerWaysResult FewerWays(OneShotResult result, IReadOnlyList<OneShotTrial> trials, int ways, int seed = 42)
    {
        int correct = 0;
        for (int t = 0; t < result.Scores.Count; t++)
        {
            float[] scores = result.Scores[t];
            int answer = trials[t].Answer;
            int[] others = Enumerable.Range(0, scores.Length).Where(i => i != answer).ToArray();
            DeterministicRandom.For(seed, $"fewer-ways:{t}").Shuffle(others);
            if (others.Take(ways - 1).All(i => scores[i] < scores[answer])) correct++;
        }
        return new FewerWaysResult(ways, result.Scores.Count, correct);
    }

    /// <summary>Area under the ROC curve of the scores, same-class pairs against different-class pairs (ties count half).</summary>
    public static VerificationResult Verification(OneShotResult result, IReadOnlyList<OneShotTrial> trials)
    {
        var (same, different) = PairScores(result, trials);
        return new VerificationResult(RocAuc(same, different), same.Count, different.Count);
    }

    /// <summary>
    /// The scores (logits) of the trials' pairs: each query with its answer (same) and with every other candidate
    /// (different).
    /// </summary>
    public static (List<float> Same, List<float> Different) PairScores(OneShotResult result, IReadOnlyList<OneShotTrial> trials)
    {
        var same = new List<float>();
        var different = new List<float>();
        for (int t = 0; t < result.Scores.Count; t++)
            for (int i = 0; i < result.Scores[t].Length; i++)
                (i == trials[t].Answer ? same : different).Add(result.Scores[t][i]);
        return (same, different);
    }

    /// <summary>
    /// The ROC curve: for every distinct score taken as the threshold (highest first), the fraction of negatives and of
    /// positives scoring at or above it. Starts at (0, 0) and ends at (1, 1).
    /// </summary>
    public static IReadOnlyList<RocPoint> RocCurve(IReadOnlyList<float> positives, IReadOnlyList<float> negatives)
    {
        var all = positives.Select(s => (Score: s, Positive: true)).Concat(negatives.Select(s => (Score: s, Positive: false)))
            .OrderByDescending(x => x.Score).ToArray();
        var points = new List<RocPoint> { new(0, 0, double.PositiveInfinity) };
        int truePositives = 0, falsePositives = 0;
        for (int i = 0; i < all.Length;)
        {
            float score = all[i].Score;
            for (; i < all.Length && all[i].Score == score; i++)
                if (all[i].Positive) truePositives++; else falsePositives++;
            points.Add(new RocPoint(Rate(falsePositives, negatives.Count), Rate(truePositives, positives.Count), score));
        }
        return points;
    }

    /// <summary>The point of the ROC curve where pairs count as the same at or above <paramref name="threshold"/> (a logit).</summary>
    public static RocPoint OperatingPoint(IReadOnlyList<float> positives, IReadOnlyList<float> negatives, double threshold) =>
        new(Rate(negatives.Count(s => s >= threshold), negatives.Count), Rate(positives.Count(s => s >= threshold), positives.Count),
            threshold);

    private static double Rate(int count, int total) => total == 0 ? 0 : (double)count / total;

    /// <summary>The Mann–Whitney statistic: the probability that a random positive scores above a random negative.</summary>
    public static double RocAuc(IReadOnlyList<float> positives, IReadOnlyList<float> negatives)
    {
        if (positives.Count == 0 || negatives.Count == 0) return double.NaN;
        var all = positives.Select(s => (Score: s, Positive: true)).Concat(negatives.Select(s => (Score: s, Positive: false)))
            .OrderBy(x => x.Score).ToArray();
        double rankSum = 0;
        for (int i = 0; i < all.Length;)
        {
            int j = i;
            while (j < all.Length && all[j].Score == all[i].Score) j++;
            double averageRank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
            for (int k = i; k < j; k++)
                if (all[k].Positive) rankSum += averageRank;
            i = j;
        }
        double n = positives.Count, m = negatives.Count;
        return (rankSum - n * (n + 1) / 2) / (n * m);
    }
}
