using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Network;
using Siamese.Model.Recipes;
using Siamese.Model.Training;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;
using TorchSharp;

namespace Siamese.Trainer.Jobs;

/// <summary>
/// Trains a recipe on a prepared dataset in blob storage, writes a checkpoint per epoch to models/{runId}/, then lets
/// the run's best checkpoint challenge the served model (<see cref="ModelChallenge"/>). The run id is derived from the
/// dataset and every value of the recipe except the epoch count, so a restarted job (or a redelivered request) finds
/// its run and resumes after the last checkpoint with its weights and optimizer state; a decided run is not trained again.
/// </summary>
public sealed partial class StorageTrainingJob(
    DatasetReader datasets,
    BlobCheckpointStore models,
    DatasetStatusStore statuses,
    TrainingDataBuilder dataBuilder,
    SiameseTrainer trainer,
    ModelChallenge challenge,
    StartingModel start,
    IOptions<TrainingOptions> trainerSettings,
    TimeProvider time,
    ILogger<StorageTrainingJob> logger)
{
    /// <param name="change">A recipe and values given on the command line instead of, or on top of, the request's recipe.</param>
    public async Task<string> RunAsync(TrainingRequest request, RecipeChange? change, CancellationToken cancellationToken)
    {
        PreparedDataset dataset = await datasets.ReadAsync(request.DatasetId, cancellationToken);
        TrainingRecipe recipe = RecipeFor(request, dataset.Index, change);
        TrainingOptions training = recipe.TrainingOn(trainerSettings.Value);
        ModelConfig config = recipe.Model.ToConfig();
        string model = ModelName.Check(request.Model ?? dataset.Index.Model);
        string runId = StorageRunIds.For(request.DatasetId, recipe, model);
        LogReading(request.DatasetId, runId, recipe.ToString(), model);

        if (await challenge.ReadDecisionAsync(runId, training.Epochs, cancellationToken) is { } decided)
        {
            LogAlreadyDecided(runId, decided.Summary);
            await RecordAsync(request.DatasetId, model, runId, recipe, decided, cancellationToken);
            return runId;
        }
        await RecordAsync(request.DatasetId, model, runId, recipe, TrainingState.Training, $"training run {runId}", cancellationToken);

        try
        {
            using MemoryImageArchive images = await datasets.ReadClassArchiveAsync(dataset, cancellationToken);
            await TrainAsync(dataset, images, recipe, training, config, runId, model, cancellationToken);
            PromotionDecision decision = await challenge.DecideAsync(runId, model, request.DatasetId, images, training, cancellationToken);
            await RecordAsync(request.DatasetId, model, runId, recipe, decision, cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            await RecordAsync(request.DatasetId, model, runId, recipe, TrainingState.Failed, $"{ex.Code}: {ex.Message}",
                CancellationToken.None);
            throw;
        }
        return runId;
    }

    private async Task TrainAsync(PreparedDataset dataset, ImageArchive images, TrainingRecipe recipe, TrainingOptions training,
        ModelConfig config, string runId, string model, CancellationToken cancellationToken)
    {
        DatasetIndex index = dataset.Index;
        var sampling = new PairSamplingOptions { PositivesPerClass = index.PositivesPerClass, NegativesPerClass = index.NegativesPerClass };
        bool trainsOnStoredPairs = training.Objective == TrainingObjective.Pairs && index.HasPairsOf(recipe);
        if (training.Objective == TrainingObjective.Pairs && !trainsOnStoredPairs) LogRenderingPairs(index.DatasetId, runId);
        var storedPairs = trainsOnStoredPairs ? await datasets.ReadPairsAsync(dataset, cancellationToken) : null;
        var colorMode = recipe.Model.ColorMode;
        TrainingData data = dataBuilder.Build(images, config.ImageSize, colorMode, recipe.Jitter, sampling, training, cancellationToken,
            storedPairs is null
                ? null
                : trainingClasses => StoredTrainingData.Pairs(storedPairs, trainingClasses, index, colorMode, config.ImageSize));

        torch.manual_seed(training.Seed);
        StoredCheckpoint? last = (await models.LoadRunLatestAsync(runId, cancellationToken))?.Rebuild(expected: config);
        using SiameseNetwork network = last?.Network ?? new SiameseNetwork(config);
        if (last is not null && last.Metadata.Epoch >= training.Epochs)
        {
            LogAlreadyTrained(runId, last.Metadata.Epoch);
            return;
        }

        ResumePoint? resume = null;
        string? startedFrom = last?.Metadata.StartedFrom;
        if (last is null && training.Start == TrainingStart.Served)
            startedFrom = await start.StartAsync(network, model, cancellationToken);
        else if (last is not null)
        {
            CheckpointPointer? best = await models.ReadPointerAsync(ModelPaths.RunBest(runId), cancellationToken);
            CheckpointAttachment? history = await models.ReadAttachmentAsync(last.Name, TrainingHistory.FileName, cancellationToken);
            byte[] optimizerState = last.OptimizerState
                                    ?? throw new InvalidInputException("checkpoint.no-optimizer",
                                        $"Checkpoint models/{last.Name} has no optimizer state to resume from.");
            resume = new ResumePoint(last.Metadata.Epoch, last.Metadata.Training.Steps, best?.ValidationAccuracy ?? double.NegativeInfinity,
                optimizerState)
            {
                History = TrainingHistory.Read(history?.Content),
            };
        }

        var run = new TrainingRun(runId, network, data.Pairs, data.Validation, training, sampling, data.Preprocessing, data.Info)
        {
            ResumeFrom = resume,
            StartedFrom = startedFrom,
            Classes = data.Classes,
            ImpostorTrials = data.ImpostorTrials,
            Recipe = recipe,
        };
        await trainer.TrainAsync(run, new BlobCheckpointSink(models, time), cancellationToken);
    }

    /// <summary>
    /// The request's recipe (else the dataset's, else the default), or the one the command line names, with its values on top.
    /// </summary>
    private static TrainingRecipe RecipeFor(TrainingRequest request, DatasetIndex index, RecipeChange? change)
    {
        TrainingRecipe recipe = request.Recipe ?? index.Recipe ?? TrainingRecipes.Resolve(TrainingRecipes.Default);
        if (change is null) return recipe;
        var kept = change.Recipe is null ? recipe.Overrides.Select(o => KeyValuePair.Create(o.Key, (string?)o.Value)) : [];
        return TrainingRecipes.Resolve(change.Recipe ?? recipe.Name, kept, change.Values);
    }

    private Task RecordAsync(string datasetId, string model, string runId, TrainingRecipe recipe, PromotionDecision decision,
        CancellationToken cancellationToken) =>
        RecordAsync(datasetId, model, runId, recipe, decision.Promoted ? TrainingState.Promoted : TrainingState.NotPromoted,
            decision.Summary, cancellationToken);

    /// <summary>The run's state in the dataset's status.json, under the model name it trains for.</summary>
    private Task RecordAsync(string datasetId, string model, string runId, TrainingRecipe recipe, TrainingState state, string summary,
        CancellationToken cancellationToken) =>
        statuses.RecordTrainingAsync(datasetId,
            new DatasetTraining(runId, recipe.ToString(), state, summary, time.GetUtcNow()) { Model = model }, cancellationToken);

    /// <summary>A recipe named on the command line (null: keep the request's) and single values on top of it.</summary>
    public sealed record RecipeChange(string? Recipe, IReadOnlyList<KeyValuePair<string, string?>> Values);

    private sealed class BlobCheckpointSink(BlobCheckpointStore models, TimeProvider time) : ICheckpointSink
    {
        public async Task SaveAsync(SiameseNetwork network, byte[] optimizerState, CheckpointMetadata metadata, bool isBest,
            IReadOnlyList<CheckpointAttachment> attachments, CancellationToken cancellationToken) =>
            await new CheckpointWriter(await models.OpenRunAsync(metadata.RunId, cancellationToken), time)
                .WriteAsync(network, optimizerState, metadata, isBest, attachments, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reading dataset {DatasetId} for run {RunId} (recipe {Recipe}, model name {Model})")]
    private partial void LogReading(string datasetId, string runId, string recipe, string model);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Run {RunId} already finished epoch {Epoch}; it challenges the served model without more training")]
    private partial void LogAlreadyTrained(string runId, int epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} was trained and decided before: {Summary}")]
    private partial void LogAlreadyDecided(string runId, string summary);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Dataset {DatasetId}'s pair shards were made for other pair settings than run {RunId}'s (its recipe changed the " +
                  "split, pairs, seed, JPEG or preprocessing); the run renders its own pairs from the class images, as a local run does")]
    private partial void LogRenderingPairs(string datasetId, string runId);
}
