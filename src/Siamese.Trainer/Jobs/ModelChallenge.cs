using Microsoft.Extensions.Logging;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Network;
using Siamese.Model.Training;
using Siamese.Storage;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;

namespace Siamese.Trainer.Jobs;

/// <summary>
/// Champion and challenger. At the end of a run its best checkpoint (the challenger) and the model served now (the
/// champion: a promoted checkpoint, or the default model shipped with the app) are scored on the same one-shot trials:
/// the new dataset's held-out validation classes, with the run's seed, ways and trial count, each model with its own
/// preprocessing. The challenger is served only if it scores at least as well. Both scores and the decision are
/// recorded in models/{runId}/promotion.json and logged in one line.
/// </summary>
public sealed partial class ModelChallenge(
    BlobCheckpointStore models, ServedModels served, ResilientStorage documents, TimeProvider time, ILogger<ModelChallenge> logger)
{
    public async Task<PromotionDecision> DecideAsync(string runId, ImageArchive images, TrainingOptions training,
        CancellationToken cancellationToken)
    {
        CheckpointPointer pointer = await models.ReadPointerAsync(ModelPaths.RunBest(runId), cancellationToken)
                                    ?? await models.ReadPointerAsync(ModelPaths.RunLatest(runId), cancellationToken)
                                    ?? throw new InvalidOperationException($"Run {runId} has no checkpoint to put forward.");
        StoredCheckpoint challenger =
            await models.LoadAsync(ModelPaths.Checkpoint(runId, pointer.Checkpoint), expected: null, cancellationToken);
        using SiameseNetwork challengerNetwork = challenger.Network.OptimizeForInference();

        var (_, heldOut) = ClassSplit.Split(ClassIndex.Build(images.Entries).Classes, training.ValidationFraction, training.Seed);
        ChallengeScores? scores = null;
        string summary;
        if (heldOut.Count < 2)
            summary = $"not promoted: the run holds out {heldOut.Count} classes, too few for one-shot trials to compare it with " +
                      "the served model; promote it by hand to serve it";
        else
        {
            var (championName, championNetwork, championMetadata) = await LoadChampionAsync(cancellationToken);
            using (championNetwork)
            {
                OneShotResult challenging = Score(challengerNetwork, challenger.Metadata, images, heldOut, training, cancellationToken);
                OneShotResult champion = Score(championNetwork, championMetadata, images, heldOut, training, cancellationToken);
                scores = new ChallengeScores(challenging.Name, challenging.Ways, challenging.Trials, challenging.Accuracy,
                    championName, champion.Accuracy);
            }
            summary = scores.Summary;
        }

        bool promoted = scores is { ChallengerWins: true };
        if (promoted)
            await served.PromoteAsync(challenger.Name, challenger.Metadata,
                $"won the challenge at the end of its run: {scores!.Comparison}", scores, cancellationToken);
        var decision = new PromotionDecision(runId, challenger.Name, scores, promoted, summary, time.GetUtcNow())
        {
            Epochs = training.Epochs,
        };
        await documents.WriteAsync(PromotionBlob(runId), decision, StorageJson.Default.PromotionDecision, cancellationToken);
        LogDecision(runId, challenger.Name, summary);
        return decision;
    }

    /// <summary>
    /// The run's decision if it was made for at least <paramref name="epochs"/> epochs; null when the run must still be
    /// trained or decided.
    /// </summary>
    public async Task<PromotionDecision?> ReadDecisionAsync(string runId, int epochs, CancellationToken cancellationToken) =>
        (await documents.ReadAsync(PromotionBlob(runId), StorageJson.Default.PromotionDecision, cancellationToken))?.Value
            is { } decision && decision.Epochs >= epochs ? decision : null;

    private Azure.Storage.Blobs.BlobClient PromotionBlob(string runId) => models.Models.GetBlobClient(ModelPaths.RunPromotion(runId));

    private async Task<(string Name, SiameseNetwork Network, CheckpointMetadata Metadata)> LoadChampionAsync(
        CancellationToken cancellationToken)
    {
        ServedModelPointer? current = await served.ReadAsync(cancellationToken);
        if (current is null || current.IsDefault)
        {
            var (network, metadata) = DefaultModel.Load();
            return ("the default model", network.OptimizeForInference(), metadata);
        }
        StoredCheckpoint champion = await models.LoadAsync(current.Checkpoint, expected: null, cancellationToken);
        return ($"served {champion.Name}", champion.Network.OptimizeForInference(), champion.Metadata);
    }

    private static OneShotResult Score(SiameseNetwork network, CheckpointMetadata metadata, ImageArchive images,
        IReadOnlyList<ImageClass> heldOut, TrainingOptions training, CancellationToken cancellationToken)
    {
        var loader = new OneShotSetLoader(metadata.Preprocessing.ToPreprocessor(), metadata.Preprocessing.ColorMode);
        OneShotSet trials = ValidationTrials.Sample(images, heldOut, training, loader)!;
        return OneShotEvaluator.Evaluate(network, trials, cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} ({Checkpoint}) {Summary}")]
    private partial void LogDecision(string runId, string checkpoint, string summary);
}
