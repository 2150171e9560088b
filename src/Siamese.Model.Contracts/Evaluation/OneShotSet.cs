namespace Siamese.Model.Evaluation;

/// <summary>One N-way one-shot trial: which of the candidates (one image per class) shows the query's class.</summary>
public sealed record OneShotTrial(string Query, IReadOnlyList<string> Candidates, int Answer)
{
    /// <summary>
    /// The run the trial belongs to (run01 … run20 of the Omniglot benchmark; a block of sampled trials otherwise), for
    /// reports.
    /// </summary>
    public string Run { get; init; } = "";
}

/// <summary>
/// Trials plus every image they use, already preprocessed for the network (planar bytes, C x S x S).
/// </summary>
public sealed record OneShotSet(
    string Name,
    int Ways,
    IReadOnlyList<OneShotTrial> Trials,
    IReadOnlyDictionary<string, byte[]> Images,
    int Channels,
    int ImageSize);
