namespace Siamese.Model.Evaluation;

/// <summary>
/// What `evaluate` prints for a one-shot evaluation: the N-way accuracy, the same trials cut to
/// <see cref="FewerWaysCount"/> ways, and the same-or-different ROC AUC. Reports state exactly these lines.
/// </summary>
public sealed record OneShotSummary(OneShotSet Set, OneShotResult Result, FewerWaysResult? Fewer, VerificationResult Verification)
{
    public const int FewerWaysCount = 5;

    public static OneShotSummary Of(OneShotSet set, OneShotResult result) => new(set, result,
        result.Ways > FewerWaysCount ? OneShotMetrics.FewerWays(result, set.Trials, FewerWaysCount) : null,
        OneShotMetrics.Verification(result, set.Trials));

    public IEnumerable<string> Lines
    {
        get
        {
            yield return Result.ToString();
            if (Fewer is not null) yield return Fewer.ToString();
            yield return Verification.ToString();
        }
    }
}
