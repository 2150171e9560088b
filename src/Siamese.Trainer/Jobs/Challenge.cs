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
    /// <summary>The champion's label when a new name's first model meets the model shipped with the app.</summary>
    public const string ShippedModel = "the shipped model";

    /// <summary>Both models on the impostor trials of the held-out classes, where those have impostors.</summary>
    public ImpostorScores? Impostors { get; init; }

    /// <summary>A run that holds out too few classes for its trials to tell two models apart: not promoted, and how to serve it.</summary>
    public static Challenge TooSmall(string model, string runId, int heldOut, int needed) =>
        new(false, $"not promoted: too small to decide: {heldOut} held-out classes, at least {needed} are needed for one-shot " +
                   $"trials that tell two models apart; upload more classes, or serve it by hand with {PromoteByHand(model, runId)}",
            "", null, [], []);

    /// <summary>
    /// A name nothing was served under: its first model meets the shipped model (no references, the name has none) and is
    /// served only if it scores at least as well.
    /// </summary>
    public static Challenge FirstOfItsName(string model, string runId, ChallengeScores scores, IReadOnlyList<ReferenceTrials> kept,
        ImpostorScores? impostors)
    {
        string comparison = scores.Comparison + (impostors is null ? "" : $"; {impostors.Comparison}");
        return scores.ChallengerWins && impostors?.Held != false
            ? new Challenge(true, $"promoted: {comparison}",
                $"won the challenge at the end of its run, the first model of '{model}': {comparison}", scores, [], kept)
            {
                Impostors = impostors,
            }
            : new Challenge(false,
                $"not promoted: {comparison}. The shipped model answers these images better; nothing is served under " +
                $"'{model}' yet: call `default` for the shipped model's answers, or serve this run by hand with " +
                PromoteByHand(model, runId), "", scores, [], [])
            {
                Impostors = impostors,
            };
    }

    private static string PromoteByHand(string model, string runId) => $"`siamese models promote {runId} --model {model}`";

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
