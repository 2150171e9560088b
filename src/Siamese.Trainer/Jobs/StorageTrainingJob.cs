using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.Model.Checkpoints;
using Siamese.Model.Network;
using Siamese.Model.Training;
using Siamese.Pipeline.Datasets;
using Siamese.Pipeline.Models;
using TorchSharp;

namespace Siamese.Trainer.Jobs;

/// <summary>
/// Trains on a prepared dataset in blob storage and writes a checkpoint per epoch to models/{runId}/. The run id is
/// derived from the dataset and the recipe, so a restarted job (or a redelivered request) finds its run and resumes
/// after the last checkpoint with its weights and optimizer state; a finished run is not trained again.
/// </summary>
public sealed partial class StorageTrainingJob(
    DatasetReader datasets,
    ModelStore models,
    SiameseTrainer trainer,
    IOptions<ModelOptions> modelOptions,
    IOptions<TrainingOptions> trainingOptions,
    ILogger<StorageTrainingJob> logger)
{
    public async Task<string> RunAsync(string datasetId, CancellationToken cancellationToken)
    {
        ModelOptions modelSettings = modelOptions.Value;
        ModelConfig config = modelSettings.ToConfig();
        TrainingOptions training = trainingOptions.Value;
        string runId = RunIdFor(datasetId, config, training);

        LogReading(datasetId, runId);
        PreparedDataset dataset = await datasets.ReadAsync(datasetId, cancellationToken);
        var data = StoredTrainingData.Build(dataset, modelSettings.ColorMode, config.ImageSize, training);

        torch.manual_seed(training.Seed);
        StoredCheckpoint? last = await models.LoadRunLatestAsync(runId, config, cancellationToken);
        using SiameseNetwork network = last?.Network ?? new SiameseNetwork(config);
        if (last is not null && last.Metadata.Epoch >= training.Epochs)
        {
            await models.PublishAsync(last.Name, last.Metadata, cancellationToken);
            LogAlreadyTrained(runId, last.Metadata.Epoch);
            return runId;
        }

        ResumePoint? resume = null;
        if (last is not null)
        {
            CheckpointPointer? best = await models.ReadPointerAsync(Pipeline.Storage.ModelPaths.RunBest(runId), cancellationToken);
            CheckpointAttachment? history = await models.ReadAttachmentAsync(last.Name, TrainingHistory.FileName, cancellationToken);
            resume = new ResumePoint(last.Metadata.Epoch, last.Metadata.Training.Steps, best?.ValidationAccuracy ?? double.NegativeInfinity,
                last.OptimizerState ?? throw new Siamese.Model.InvalidInputException("checkpoint.no-optimizer", $"Checkpoint models/{last.Name} has no optimizer state to resume from."))
            {
                History = TrainingHistory.Read(history?.Content),
            };
        }

        var run = new TrainingRun(runId, network, data.Pairs, data.Validation, training,
            new Siamese.Model.Data.PairSamplingOptions { PositivesPerClass = dataset.Index.PositivesPerClass, NegativesPerClass = dataset.Index.NegativesPerClass },
            data.Preprocessing, data.Info) { ResumeFrom = resume };
        await trainer.TrainAsync(run, new BlobCheckpointSink(models), cancellationToken);
        return runId;
    }

    /// <summary>The dataset plus a hash of everything that shapes the weights except the epoch count (more epochs continue a run).</summary>
    public static string RunIdFor(string datasetId, ModelConfig config, TrainingOptions training)
    {
        string recipe = FormattableString.Invariant($"{config}|{training.BatchSize}|{training.LearningRate}|{training.LabelSmoothing}|{training.ValidationFraction}|{training.Seed}");
        return $"{datasetId}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipe)))[..8]}";
    }

    private sealed class BlobCheckpointSink(ModelStore models) : ICheckpointSink
    {
        public Task SaveAsync(SiameseNetwork network, byte[] optimizerState, CheckpointMetadata metadata, bool isBest,
            IReadOnlyList<CheckpointAttachment> attachments, CancellationToken cancellationToken) =>
            models.SaveAsync(network, optimizerState, metadata, isBest, attachments, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading dataset {DatasetId} for run {RunId}")]
    private partial void LogReading(string datasetId, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} already finished epoch {Epoch}; nothing to train, models/latest.json points at it")]
    private partial void LogAlreadyTrained(string runId, int epoch);
}
