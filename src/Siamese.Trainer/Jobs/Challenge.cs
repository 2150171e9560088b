using System.Globalization;
using Siamese.Model.Evaluation;
using Siamese.Storage.Promotion;

namespace Siamese.Trainer.Jobs;

/// <summary>
/// What a challenge came to: promoted or not, the scores behind it, one line that says why (with every score it lost on), and
/// the references the name keeps when the challenger is served.
/// </summary>
internal sealed record Challenge(
    bool Promoted,
    string Summary,
    string Reason,
    ChallengeScores? Scores,
    IReadOnlyList<ReferenceScore> ReferenceScores,
    IReadOnlyList<ReferenceTrials> References)
{
    /// <summary>Both models on the impostor trials of the held-out classes, where those have impostors.</summary>
    public ImpostorScores? Impostors { get; init; }

    public static Challenge TooFewClasses(int heldOut) =>
        new(false, $"not promoted: the run holds out {heldOut} classes, too few for one-shot trials to compare it with " +
                   "the served model; promote it by hand to serve it", "", null, [], []);

    /// <summary>A name nothing was served under: its first model replaces nothing and is served.</summary>
    public static Challenge FirstOfItsName(string model, OneShotResult score, IReadOnlyList<ReferenceTrials> references)
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"the first model of '{model}' (nothing was served under that name): {score.Accuracy * 100:0.0} % on " +
            $"{score.Trials} {score.Ways}-way trials of its held-out classes");
        return new Challenge(true, $"promoted: {line}", line, null, [], references);
    }

    /// <param name="impostors">Both models on the impostor trials; the challenger must hold them as it holds a reference.</param>
    public static Challenge Decided(string model, ChallengeScores scores, IReadOnlyList<ReferenceScore> referenceScores,
        IReadOnlyList<ReferenceTrials> kept, ImpostorScores? impostors = null)
    {
        var lost = referenceScores.Where(r => !r.Held).ToList();
        bool promoted = scores.ChallengerWins && lost.Count == 0 && impostors?.Held != false;
        string held = (impostors is null ? "" : $"; {impostors.Comparison}") +
                      (referenceScores.Count == 0 ? "" : $"; {string.Join("; ", referenceScores.Select(r => r.Comparison))}");
        string advice = lost.Count == 0
            ? ""
            : $". It lost on what '{model}' was chosen on: to serve it without changing what '{model}' answers, train a model " +
              "of its own (siamese upload <zip> --model <name>)";
        return new Challenge(promoted, $"{(promoted ? "promoted" : "not promoted")}: {scores.Comparison}{held}{advice}",
            $"won the challenge at the end of its run: {scores.Comparison}{held}", scores, referenceScores, kept)
        {
            Impostors = impostors,
        };
    }
}
