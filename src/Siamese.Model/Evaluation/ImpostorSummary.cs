using System.Globalization;

namespace Siamese.Model.Evaluation;

/// <summary>
/// What `evaluate` prints for data with impostors: the impostor trials' accuracy, how well scores tell a class's genuine
/// pairs from its impostor pairs (ROC AUC, equal error rate), and the false accept rate at the isSame threshold on those
/// impostors, beside the one on pairs of two classes (from the one-shot trials).
/// </summary>
public sealed record ImpostorSummary(OneShotSet Set, OneShotResult Result, VerificationScores Impostors, VerificationScores OtherClasses)
{
    /// <param name="oneShot">The one-shot evaluation over the same classes: its different-class pairs.</param>
    public static ImpostorSummary Of(OneShotSet set, OneShotResult result, OneShotResult oneShot, IReadOnlyList<OneShotTrial> oneShotTrials)
    {
        var (genuine, impostors) = ImpostorTrials.PairScores(result);
        var (same, different) = OneShotMetrics.PairScores(oneShot, oneShotTrials);
        return new ImpostorSummary(set, result, new VerificationScores(genuine, impostors), new VerificationScores(same, different));
    }

    /// <param name="threshold">The isSame similarity threshold the false accept rates are taken at.</param>
    public IEnumerable<string> Lines(double threshold)
    {
        ProportionInterval interval = Result.Interval95;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"Impostor trials: {Result.Accuracy:P2} (95 % CI {interval.Low:P1} – {interval.High:P1}, {Result.Correct}/{Result.Trials} " +
            $"trials: a genuine image of the query's class against one of its impostors, {Set.Name})");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"Impostor verification ROC AUC: {Impostors.RocAuc:0.0000}, equal error rate {Impostors.EqualErrorRate:P1} " +
            $"({Impostors.Genuine.Count:N0} genuine and {Impostors.Impostors.Count:N0} impostor pairs from the impostor trials)");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"False accepts at isSame threshold {threshold:0.000}: {Impostors.FalseAcceptRate(threshold):P1} of " +
            $"{Impostors.Impostors.Count:N0} impostor pairs, {OtherClasses.FalseAcceptRate(threshold):P1} of " +
            $"{OtherClasses.Impostors.Count:N0} different-class pairs");
    }
}
