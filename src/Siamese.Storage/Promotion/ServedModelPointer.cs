using System.Globalization;

namespace Siamese.Storage.Promotion;

/// <summary>
/// A model name's served pointer (models/served.json for `default`, models/served/{name}.json for the others): the model
/// the compare API answers with for that name and why. It moves only by promotion (a challenger that scored at least as
/// well as the champion, or an operator's promote or roll-back), never because a checkpoint is newer.
/// <see cref="Previous"/> keeps the models served before it, newest first, for roll-back.
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

    /// <summary>The model name this pointer serves (pointers written before names existed are `default`'s).</summary>
    public string Model { get => model ?? ModelName.Default; init => model = value; }

    /// <summary>
    /// The trials the name's served models were chosen on, oldest first: a challenger must not lose on any of them (beyond
    /// the stated tolerance). Empty in pointers written before references existed: read <see cref="ReferencesOf"/>.
    /// </summary>
    public IReadOnlyList<ReferenceTrials> References { get => references ?? []; init => references = value; }

    // Null in documents from before names (the source-generated reader sets a missing member to null).
    private readonly string? model;
    private readonly IReadOnlyList<ReferenceTrials>? references;

    public bool IsDefault => Checkpoint == DefaultModel;

    /// <summary>
    /// The references a name's challenger must hold: the pointer's, and for `default` always the shipped model's own (Lake's
    /// runs), which it was chosen on before any pointer existed.
    /// </summary>
    public static IReadOnlyList<ReferenceTrials> ReferencesOf(string model, ServedModelPointer? pointer)
    {
        IReadOnlyList<ReferenceTrials> kept = pointer?.References ?? [];
        return ModelName.IsDefault(model) && !kept.Any(r => r.IsShippedBenchmark)
            ? [ReferenceTrials.ShippedBenchmark, .. kept]
            : kept;
    }

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
    /// <summary>How many held-out classes the trials come from (0 in decisions from before it was recorded).</summary>
    public int HeldOutClasses { get; init; }

    /// <summary>
    /// Where the trials come from when they are not the upload's held-out classes: e.g. Lake's runs, for a recipe that holds
    /// out nothing (Training:ChallengeTrials=ShippedBenchmark); null otherwise.
    /// </summary>
    public string? TrialsSource { get; init; }

    public bool ChallengerWins => ChallengerAccuracy >= ChampionAccuracy;

    /// <summary>
    /// The scores side by side with their 95 % intervals, e.g. "74.3 % (95 % CI 69.8–78.3) vs 47.0 % (42.2–51.9) (the default
    /// model) on the same 400 10-way trials of 10 held-out classes".
    /// </summary>
    public string Comparison => string.Create(CultureInfo.InvariantCulture,
        $"{ScoreText.WithInterval(ChallengerAccuracy, TrialCount)} vs {ScoreText.WithBareInterval(ChampionAccuracy, TrialCount)} " +
        $"({Champion}) on the same {TrialCount} {Ways}-way trials{Source}");

    private string Source =>
        HeldOutClasses > 0 ? $" of {HeldOutClasses} held-out classes" : TrialsSource is null ? "" : $" of {TrialsSource}";

    /// <summary>One line, e.g. "not promoted: 8.0 % (95 % CI …) vs 83.0 % (…) (the default model) on the same 100 20-way …".</summary>
    public string Summary => $"{(ChallengerWins ? "promoted" : "not promoted")}: {Comparison}";
}

/// <summary>
/// models/{runId}/promotion.json: the challenge at the end of a run, and its outcome. <see cref="Scores"/> are on the new
/// upload's trials; <see cref="ReferenceScores"/> on each earlier reference of the name.
/// </summary>
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

    /// <summary>The model name the run was trained for and challenged under.</summary>
    public string Model { get => model ?? ModelName.Default; init => model = value; }

    /// <summary>Both models on each reference trial set the name kept (empty when the name had no champion yet).</summary>
    public IReadOnlyList<ReferenceScore> ReferenceScores { get => referenceScores ?? []; init => referenceScores = value; }

    /// <summary>
    /// Both models on the impostor trials of the new upload's held-out classes; null when none of them has impostors, when
    /// there was no champion, and in decisions from before impostor trials (null is what a missing member reads as, and
    /// what it means).
    /// </summary>
    public ImpostorScores? Impostors { get; init; }

    // Null in decisions from before names (the source-generated reader sets a missing member to null).
    private readonly string? model;
    private readonly IReadOnlyList<ReferenceScore>? referenceScores;
}
