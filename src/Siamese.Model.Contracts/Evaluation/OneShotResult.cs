namespace Siamese.Model.Evaluation;

/// <summary>One set of N-way one-shot trials scored: which candidate each query chose.</summary>
public sealed record OneShotResult(string Name, int Ways, int Trials, int Correct, IReadOnlyList<int> Choices)
{
    /// <summary>The head's logit for each candidate of each trial (higher: more similar to the query).</summary>
    public IReadOnlyList<float[]> Scores { get; init; } = [];

    public double Accuracy => Trials == 0 ? 0 : (double)Correct / Trials;

    public ProportionInterval Interval95 => ProportionInterval.Wilson95(Correct, Trials);

    public override string ToString() =>
        $"{Ways}-way one-shot accuracy: {Accuracy:P2} (95 % CI {Interval95.Low:P1} – {Interval95.High:P1}, " +
        $"{Correct}/{Trials} trials, {Name})";
}
