namespace Siamese.Storage.Promotion;

/// <summary>
/// models/served.json: the model the compare API answers with and why. It moves only by promotion (a challenger
/// that scored at least as well as the champion, or an operator's promote or roll-back), never because a checkpoint
/// is newer. <see cref="Previous"/> keeps the models served before it, newest first, for roll-back.
/// </summary>
public sealed record ServedModelPointer(string Checkpoint, string RunId, int Epoch, string Reason, DateTimeOffset UpdatedUtc)
{
    /// <summary>The <see cref="Checkpoint"/> of the default model shipped with the app (not a folder in storage).</summary>
    public const string DefaultModel = "default";

    /// <summary>How many earlier pointers are kept for roll-back.</summary>
    public const int HistoryDepth = 20;

    /// <summary>The challenge that promoted it, when a challenge did.</summary>
    public ChallengeScores? Scores { get; init; }

    public ServedModelPointer? Previous { get; init; }

    public bool IsDefault => Checkpoint == DefaultModel;

    /// <summary>This pointer as the previous of a new one, with the history cut to <see cref="HistoryDepth"/>.</summary>
    public ServedModelPointer Trimmed(int depth = HistoryDepth) =>
        this with { Previous = depth <= 1 ? null : Previous?.Trimmed(depth - 1) };
}

/// <summary>Both models' scores on the same one-shot trials, and what they mean.</summary>
public sealed record ChallengeScores(
    string Trials,
    int Ways,
    int TrialCount,
    double ChallengerAccuracy,
    string Champion,
    double ChampionAccuracy)
{
    public bool ChallengerWins => ChallengerAccuracy >= ChampionAccuracy;

    /// <summary>The scores side by side, e.g. "8.0 % vs 83.0 % (the default model) on the same 100 20-way trials".</summary>
    public string Comparison => FormattableString.Invariant(
        $"{ChallengerAccuracy * 100:0.0} % vs {ChampionAccuracy * 100:0.0} % ({Champion}) on the same {TrialCount} {Ways}-way trials");

    /// <summary>One line, e.g. "not promoted: 8.0 % vs 83.0 % (the default model) on the same 100 20-way trials".</summary>
    public string Summary => $"{(ChallengerWins ? "promoted" : "not promoted")}: {Comparison}";
}

/// <summary>models/{runId}/promotion.json: the challenge at the end of a run, and its outcome.</summary>
public sealed record PromotionDecision(
    string RunId,
    string Challenger,
    ChallengeScores? Scores,
    bool Promoted,
    string Summary,
    DateTimeOffset DecidedUtc)
{
    /// <summary>The epochs the run was asked for when it was decided; a request for more epochs trains on and decides again.</summary>
    public int Epochs { get; init; }
}
