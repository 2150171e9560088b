using System.Globalization;

namespace Siamese.Storage.Promotion;

/// <summary>
/// One-shot trials a served model was chosen on, kept with the name's pointer so that every later challenger of that name
/// is scored on them too: a dataset's held-out classes (its id, the split's seed, fraction and floor of classes, the trials'
/// ways and count),
/// or, with no <see cref="DatasetId"/>, the benchmark shipped with the default model (Lake's 20-way runs, all_runs.zip).
/// </summary>
public sealed record ReferenceTrials(string Name, string? DatasetId, int Seed, double ValidationFraction, int Ways, int Trials)
{
    /// <summary>What the shipped default model was chosen on: Lake et al.'s 20 runs of 20 20-way trials.</summary>
    public static readonly ReferenceTrials ShippedBenchmark =
        new("Lake's 20-way one-shot runs (all_runs.zip), the default model's benchmark", null, 0, 0, 20, 400);

    public bool IsShippedBenchmark => DatasetId is null;

    /// <summary>
    /// The served model's accuracy on these trials, recorded when it won (the trials are fixed, so the score is too): the next
    /// challenge reuses it instead of scoring the champion again. Null when unknown (an operator's promotion).
    /// </summary>
    public double? ServedAccuracy { get; init; }

    /// <summary>
    /// The split's floor of held-out classes (Training:MinValidationClasses); 0, the fraction alone, in references recorded
    /// before it existed, which is how their splits were made.
    /// </summary>
    public int MinValidationClasses { get; init; }

    /// <summary>The held-out classes of a dataset, as a run's validation samples them.</summary>
    public static ReferenceTrials HeldOut(string datasetId, int heldOutClasses, int seed, double validationFraction,
        int minValidationClasses, int ways, int trials) =>
        new(string.Create(CultureInfo.InvariantCulture, $"dataset {datasetId}'s {heldOutClasses} held-out classes"),
            datasetId, seed, validationFraction, ways, trials) { MinValidationClasses = minValidationClasses };

    /// <summary>Whether two references are the same trials (a dataset's again replaces the older entry).</summary>
    public bool SameTrialsAs(ReferenceTrials other) =>
        DatasetId == other.DatasetId && Seed == other.Seed && ValidationFraction.Equals(other.ValidationFraction)
        && MinValidationClasses == other.MinValidationClasses && Ways == other.Ways && Trials == other.Trials;
}

/// <summary>
/// A challenger and the champion on one reference. <see cref="Held"/> when the challenger is not worse than the champion by
/// more than <see cref="Tolerance"/> (a fraction: 0.02 is two points).
/// </summary>
public sealed record ReferenceScore(ReferenceTrials Reference, int Ways, int TrialCount, double ChallengerAccuracy,
    double ChampionAccuracy, double Tolerance)
{
    public bool Held => ChallengerAccuracy >= ChampionAccuracy - Tolerance - 1e-12;

    /// <summary>
    /// E.g. "on Lake's runs …: 6.0 % (95 % CI 4.1–8.8) vs 90.3 % (87.0–92.8) on the same 400 20-way trials, more than 2.0
    /// points worse" (challenger first).
    /// </summary>
    public string Comparison => string.Create(CultureInfo.InvariantCulture,
        $"on {Reference.Name}: {ScoreText.WithInterval(ChallengerAccuracy, TrialCount)} vs " +
        $"{ScoreText.WithBareInterval(ChampionAccuracy, TrialCount)} on the same {TrialCount} {Ways}-way trials, " +
        $"{(Held ? "held" : $"more than {Tolerance * 100:0.0} points worse")}");
}
