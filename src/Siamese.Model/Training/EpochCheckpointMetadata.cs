using Siamese.Model.Checkpoints;
using Siamese.Model.Evaluation;
using static TorchSharp.torch;

namespace Siamese.Model.Training;

/// <summary>The checkpoint.json of the checkpoint a run writes after an epoch: what was trained, how, on what, and how well.</summary>
public static class EpochCheckpointMetadata
{
    /// <param name="run">The run; its network holds the epoch's weights.</param>
    /// <param name="epoch">The epoch just finished.</param>
    /// <param name="device">Where the run trains.</param>
    /// <param name="wallTime">Time the run has taken so far.</param>
    public static CheckpointMetadata Create(TrainingRun run, EpochSummary epoch, Device device, TimeSpan wallTime)
    {
        TrainingOptions options = run.Options;
        bool inBatch = options.Objective == TrainingObjective.InBatch;
        OneShotResult? validation = epoch.Validation;
        return new CheckpointMetadata
        {
            Libraries = LibraryVersionsInUse.Current,
            RunId = run.RunId,
            Epoch = epoch.Epoch,
            CreatedUtc = DateTimeOffset.UtcNow,
            Model = run.Network.Config,
            Preprocessing = run.Preprocessing,
            Data = run.Data,
            Metrics = new MetricsInfo(epoch.TrainLoss, validation?.Accuracy, validation?.Ways ?? 0, validation?.Trials ?? 0),
            Training = new TrainingInfo(options.Epochs, options.BatchSize, options.LearningRate, options.LabelSmoothing,
                run.Sampling.PositivesPerClass, run.Sampling.NegativesPerClass, options.ValidationFraction, options.Seed, epoch.Steps)
            {
                Objective = options.Objective,
                ClassesPerBatch = inBatch ? options.ClassesPerBatch : null,
                ImagesPerClass = inBatch ? options.ImagesPerClass : null,
                RotatedClasses = options.RotatedClasses,
                Affine = options.Affine,
                Schedule = options.Schedule,
                BatchNormMomentum = options.BatchNormMomentum,
                MinValidationClasses = options.MinValidationClasses,
                ImpostorsPerClass = inBatch && options.ImpostorsPerClass > 0 ? options.ImpostorsPerClass : null,
            },
            Device = device.ToString(),
            WallTimeSeconds = Math.Round(wallTime.TotalSeconds, 1),
            ResumedFromEpoch = run.ResumeFrom?.Epoch,
            StartedFrom = run.StartedFrom,
            Recipe = run.Recipe,
            ProbeScores = CheckpointProbe.Scores(run.Network),
            Threshold = validation is null ? null : DecisionThreshold.Choose(validation, run.Validation!.Trials),
        };
    }
}
