using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Network;
using Siamese.Model.Training;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Trainer.Jobs;

/// <summary>
/// Champion and challenger, per model name. At the end of a run its best checkpoint (the challenger) and the model its
/// name serves now (the champion: a promoted checkpoint, or for `default` the model shipped with the app) are scored on the
/// same one-shot trials: the new dataset's held-out validation classes, with the run's seed, ways and trial count (or, for a
/// recipe that holds out nothing, such as the original, the trials it names: Lake's runs, Training:ChallengeTrials), and every
/// earlier reference of the name (the trials its served models were chosen on; for `default` always Lake's runs), each
/// model with its own preprocessing. The challenger is served only if it scores at least as well on the new trials and is
/// not worse beyond <see cref="ChallengeOptions.ReferenceTolerance"/> on any reference. A new name's first model meets the
/// shipped model (what training of a new name starts from) and no reference. A run that holds out fewer than
/// <see cref="ChallengeOptions.MinHeldOutClasses"/> classes is too small to decide and is not promoted. Where the held-out
/// classes have impostors, both are also scored on the same impostor trials (<see cref="ImpostorTrials"/>) and the challenger
/// must not be worse there beyond the same tolerance. Every score and the
/// decision are recorded in models/{runId}/promotion.json and logged in one line. A champion's score on a reference is taken
/// as recorded when it won (the trials are fixed), so it is scored once.
/// </summary>
public sealed partial class ModelChallenge(
    BlobCheckpointStore models,
    ServedModels served,
    ReferenceTrialSets referenceSets,
    PromotionDecisions decisions,
    IOptions<ChallengeOptions> options,
    TimeProvider time,
    ILogger<ModelChallenge> logger)
{
    public async Task<PromotionDecision> DecideAsync(string runId, string model, string datasetId, ImageArchive images,
        TrainingOptions training, CancellationToken cancellationToken)
    {
        CheckpointPointer pointer = await models.ReadPointerAsync(ModelPaths.RunBest(runId), cancellationToken)
                                    ?? await models.ReadPointerAsync(ModelPaths.RunLatest(runId), cancellationToken)
                                    ?? throw new InvalidOperationException($"Run {runId} has no checkpoint to put forward.");
        StoredCheckpoint challenger =
            (await models.LoadAsync(ModelPaths.Checkpoint(runId, pointer.Checkpoint), cancellationToken)).Rebuild();
        using SiameseNetwork challengerNetwork = challenger.Network.OptimizeForInference();

        Challenge outcome;
        var challenging = new Challenger(challengerNetwork, challenger.Metadata);
        if (training.ChallengeTrials == ChallengeTrials.ShippedBenchmark)
        {
            ReferenceTrials lakesRuns = ReferenceTrials.ShippedBenchmark;
            using ReferenceImages benchmark = await referenceSets.OpenAsync(lakesRuns, cancellationToken);
            outcome = await ChallengeAsync(model, runId, challenging, lakesRuns,
                new NewTrials(
                    c => benchmark.Score(c.Network, c.Metadata, cancellationToken),
                    c => RecordedScore(lakesRuns, c) ?? benchmark.Score(c.Network, c.Metadata, cancellationToken).Accuracy,
                    (_, _) => null, 0,
                    $"{lakesRuns.Name}, the trials the recipe names (Training:ChallengeTrials): it holds out none of the upload's classes"),
                cancellationToken);
        }
        else
        {
            var (_, heldOut) = ClassSplit.Split(ClassIndex.Build(images.Entries).Classes, training.ValidationFraction, training.Seed,
                training.MinValidationClasses);
            outcome = heldOut.Count < options.Value.MinHeldOutClasses
                ? Challenge.TooSmall(model, runId, heldOut.Count, options.Value.MinHeldOutClasses)
                : await ChallengeAsync(model, runId, challenging,
                    ReferenceTrials.HeldOut(datasetId, heldOut.Count, training.Seed, training.ValidationFraction,
                        training.MinValidationClasses, Math.Min(training.ValidationWays, heldOut.Count), training.ValidationTrials),
                    new NewTrials(c => Score(c, images, heldOut, training, cancellationToken),
                        c => Score(c, images, heldOut, training, cancellationToken).Accuracy,
                        (c, champion) => ScoreImpostors(c, champion, images, heldOut, training, cancellationToken), heldOut.Count, null),
                    cancellationToken);
        }

        if (outcome.Promoted)
            await served.PromoteAsync(model, challenger.Name, challenger.Metadata, outcome.Reason, outcome.Scores, outcome.References,
                cancellationToken);
        var decision = new PromotionDecision(runId, challenger.Name, outcome.Scores, outcome.Promoted, outcome.Summary, time.GetUtcNow())
        {
            Epochs = training.Epochs,
            Model = model,
            ReferenceScores = outcome.ReferenceScores,
            Impostors = outcome.Impostors,
        };
        await decisions.WriteAsync(decision, cancellationToken);
        LogDecision(model, runId, challenger.Name, outcome.Summary);
        return decision;
    }

    /// <summary>
    /// The run's decision if it was made for at least <paramref name="epochs"/> epochs; null when the run must still be
    /// trained or decided.
    /// </summary>
    public async Task<PromotionDecision?> ReadDecisionAsync(string runId, int epochs, CancellationToken cancellationToken) =>
        await decisions.ReadAsync(runId, cancellationToken) is { } decision && decision.Epochs >= epochs ? decision : null;

    private async Task<Challenge> ChallengeAsync(string model, string runId, Challenger challenger, ReferenceTrials newTrials,
        NewTrials trials, CancellationToken cancellationToken)
    {
        OneShotResult challenging = trials.Score(challenger);
        ServedModelPointer? current = await served.ReadAsync(model, cancellationToken);
        bool firstOfItsName = current is null && !ModelName.IsDefault(model);

        var (championName, champion) = await LoadChampionAsync(current, firstOfItsName, cancellationToken);
        using (champion.Network)
        {
            var scores = new ChallengeScores(challenging.Name, challenging.Ways, challenging.Trials, challenging.Accuracy,
                championName, trials.ChampionAccuracy(champion))
            {
                HeldOutClasses = trials.HeldOutClasses,
                TrialsSource = trials.Source,
            };
            ImpostorScores? impostors = trials.Impostors(challenger, champion);
            if (firstOfItsName)
                return Challenge.FirstOfItsName(model, runId, scores, [newTrials with { ServedAccuracy = challenging.Accuracy }],
                    impostors);
            var earlier = ServedModelPointer.ReferencesOf(model, current).Where(r => !r.SameTrialsAs(newTrials)).ToList();
            var referenceScores = new List<ReferenceScore>();
            foreach (ReferenceTrials reference in earlier)
                if (await ScoreReferenceAsync(reference, challenger, champion, cancellationToken) is { } score)
                    referenceScores.Add(score);
            return Challenge.Decided(model, scores, referenceScores, Kept(referenceScores, newTrials with
            {
                ServedAccuracy = challenging.Accuracy,
            }), impostors);
        }
    }

    /// <summary>
    /// Both models on one earlier reference (the champion's score as recorded when it won, where it was); null (logged) when
    /// the reference's data cannot be read any more.
    /// </summary>
    private async Task<ReferenceScore?> ScoreReferenceAsync(ReferenceTrials reference, Challenger challenger, Challenger champion,
        CancellationToken cancellationToken)
    {
        try
        {
            using ReferenceImages images = await referenceSets.OpenAsync(reference, cancellationToken);
            OneShotResult challenging = images.Score(challenger.Network, challenger.Metadata, cancellationToken);
            double defending = RecordedScore(reference, champion)
                               ?? images.Score(champion.Network, champion.Metadata, cancellationToken).Accuracy;
            return new ReferenceScore(reference with { ServedAccuracy = null }, challenging.Ways, challenging.Trials,
                challenging.Accuracy, defending, options.Value.ReferenceTolerance);
        }
        catch (InvalidInputException ex)
        {
            LogReferenceUnreadable(reference.Name, ex.Code, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// The champion's score on a reference without scoring it again: recorded in the pointer when it won, or for the default
    /// model on its own benchmark, the test score shipped in its checkpoint.json.
    /// </summary>
    private static double? RecordedScore(ReferenceTrials reference, Challenger champion) =>
        reference.ServedAccuracy
        ?? (reference.IsShippedBenchmark && champion.IsShippedModel
            && champion.Metadata.Test is { Trials: var trials, Ways: var ways } test && trials == reference.Trials && ways == reference.Ways
                ? test.Accuracy
                : null);

    /// <summary>
    /// The name's references after a win, each with the new model's score: the earlier ones and the new trials, the oldest
    /// uploads' dropped first.
    /// </summary>
    private IReadOnlyList<ReferenceTrials> Kept(IReadOnlyList<ReferenceScore> earlier, ReferenceTrials newTrials)
    {
        var all = earlier.Select(r => r.Reference with { ServedAccuracy = r.ChallengerAccuracy }).Append(newTrials).ToList();
        while (all.Count > options.Value.MaxReferences && all.FindIndex(r => !r.IsShippedBenchmark) is var oldest and >= 0)
            all.RemoveAt(oldest);
        return all;
    }

    /// <summary>
    /// The served model, or the shipped one: `default`'s until a promotion, and a new name's, since its training starts from it.
    /// </summary>
    private async Task<(string Name, Challenger Model)> LoadChampionAsync(ServedModelPointer? current, bool firstOfItsName,
        CancellationToken cancellationToken)
    {
        if (current is null || current.IsDefault)
        {
            var (network, metadata) = DefaultModel.Load();
            return (firstOfItsName ? Challenge.ShippedModel : "the default model",
                new Challenger(network.OptimizeForInference(), metadata) { IsShippedModel = true });
        }
        StoredCheckpoint champion = (await models.LoadAsync(current.Checkpoint, cancellationToken)).Rebuild();
        return ($"served {champion.Name}", new Challenger(champion.Network.OptimizeForInference(), champion.Metadata));
    }

    private static OneShotResult Score(Challenger model, ImageArchive images, IReadOnlyList<ImageClass> heldOut,
        TrainingOptions training, CancellationToken cancellationToken) =>
        Evaluate(model, loader => ValidationTrials.Sample(images, heldOut, training, loader), cancellationToken)!;

    /// <summary>Both models on the same impostor trials of the held-out classes; null when none of them has impostors.</summary>
    private ImpostorScores? ScoreImpostors(Challenger challenger, Challenger champion, ImageArchive images,
        IReadOnlyList<ImageClass> heldOut, TrainingOptions training, CancellationToken cancellationToken)
    {
        if (ScoreImpostors(challenger, images, heldOut, training, cancellationToken) is not { } challenging) return null;
        OneShotResult defending = ScoreImpostors(champion, images, heldOut, training, cancellationToken)!;
        return new ImpostorScores(heldOut.Count(c => c.Impostors.Count > 0), challenging.Trials, challenging.Correct,
            defending.Correct, options.Value.ReferenceTolerance);
    }

    private static OneShotResult? ScoreImpostors(Challenger model, ImageArchive images, IReadOnlyList<ImageClass> heldOut,
        TrainingOptions training, CancellationToken cancellationToken) =>
        Evaluate(model, loader => ImpostorTrials.Sample(images, heldOut, training, loader), cancellationToken);

    /// <summary>A model on the trials <paramref name="sample"/> draws with its own preprocessing; null when there are none.</summary>
    private static OneShotResult? Evaluate(Challenger model, Func<OneShotSetLoader, OneShotSet?> sample,
        CancellationToken cancellationToken)
    {
        var loader = OneShotSetLoader.For(model.Metadata.Preprocessing);
        return sample(loader) is { } trials ? OneShotEvaluator.Evaluate(model.Network, trials, cancellationToken: cancellationToken) : null;
    }

    /// <summary>
    /// The trials a challenge is decided on: the challenger's result, the champion's accuracy (recorded where it can be), both
    /// on impostor trials where there are any, and where the trials come from.
    /// </summary>
    private sealed record NewTrials(
        Func<Challenger, OneShotResult> Score,
        Func<Challenger, double> ChampionAccuracy,
        Func<Challenger, Challenger, ImpostorScores?> Impostors,
        int HeldOutClasses,
        string? Source);

    /// <summary>A network ready for inference and its checkpoint's metadata (its preprocessing).</summary>
    private sealed record Challenger(SiameseNetwork Network, CheckpointMetadata Metadata)
    {
        /// <summary>The default model shipped with the app (its checkpoint.json holds its score on Lake's runs).</summary>
        public bool IsShippedModel { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: run {RunId} ({Checkpoint}) {Summary}")]
    private partial void LogDecision(string model, string runId, string checkpoint, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reference {Reference} could not be scored and is left out: {Code}: {Reason}")]
    private partial void LogReferenceUnreadable(string reference, string code, string reason);
}
