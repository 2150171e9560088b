using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Siamese.Model.Checkpoints;
using Siamese.Model.Evaluation;
using Siamese.Model.Torch;
using Siamese.Model.Training.Objectives;
using Siamese.Model.Training.Progress;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Model.Training;

/// <summary>
/// The training loop: each epoch, the run's objective (<see cref="ITrainingObjective"/>) hands its batches to
/// <see cref="TrainingStep"/>; then the validation one-shot accuracy (which alone chooses the best epoch, unless the run keeps
/// its last, <see cref="KeptEpoch.Last"/>) and the impostor
/// trials' score where the run has them, and one checkpoint with whatever
/// <see cref="ICheckpointAttachments"/> adds (training curves, a report).
/// </summary>
public sealed partial class SiameseTrainer(ILogger<SiameseTrainer> logger, TrainingMetrics? metrics = null,
    ICheckpointAttachments? attachments = null)
{
    private const int MaxSkippedStepsInARow = 10;

    public async Task<TrainingResult> TrainAsync(TrainingRun run, ICheckpointSink checkpoints, CancellationToken cancellationToken)
    {
        TrainingOptions options = run.Options;
        var network = run.Network;
        Device device = TorchDevice.Resolve(options.Device);
        network.to(device);
        network.SetBatchNormMomentum(options.BatchNormMomentum);

        using var trainingStep = new TrainingStep(network, options.LearningRate, device);
        ResumePoint? resume = run.ResumeFrom;
        if (resume is not null) RestoreOptimizer(run.RunId, resume, trainingStep.Optimizer);
        ITrainingObjective objective = TrainingObjectives.For(run, device);
        var position = new RunPosition(resume, PlannedSteps(options, objective.StepsPerEpoch),
            TimeSpan.FromSeconds(options.ProgressIntervalSeconds));
        LogStart(run.RunId, objective.Description, options.Epochs, objective.StepsPerEpoch, position.PlannedSteps,
            device.type.ToString(), network.Config.ToString());

        var epochs = new List<EpochSummary>();
        double bestScore = resume?.BestScore ?? double.NegativeInfinity;
        int epochsWithoutBest = 0, retriedBefore = 0;
        var runClock = Stopwatch.StartNew();
        for (int epoch = (resume?.Epoch ?? 0) + 1; epoch <= options.Epochs && !position.Finished; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            network.train();
            double trainLoss = TrainEpoch(objective, trainingStep, epoch, position, options, cancellationToken);

            OneShotResult? validation = run.Validation is null
                ? null
                : OneShotEvaluator.Evaluate(network, run.Validation, cancellationToken: cancellationToken);
            OneShotResult? impostors = run.ImpostorTrials is null
                ? null
                : OneShotEvaluator.Evaluate(network, run.ImpostorTrials, cancellationToken: cancellationToken);
            double score = validation?.Accuracy ?? -trainLoss;
            bool isBest = score > bestScore;
            if (isBest) bestScore = score;
            epochsWithoutBest = isBest ? 0 : epochsWithoutBest + 1;
            bool isKept = isBest || options.KeptEpoch == KeptEpoch.Last;

            if (trainingStep.RetriedSteps > retriedBefore)
                LogRetried(trainingStep.RetriedSteps - retriedBefore, epoch);
            retriedBefore = trainingStep.RetriedSteps;
            var summary = new EpochSummary(epoch, position.Step, trainLoss, validation, epochClock.Elapsed) { Impostors = impostors };
            metrics?.Epoch(epochClock.Elapsed, validation?.Accuracy);
            epochs.Add(summary);

            TrainingHistory history = position.History(epochs);
            IReadOnlyList<CheckpointAttachment> files =
                [history.ToAttachment(), .. Pictures(new TrainingProgress(run.RunId, history, run.Validation, validation))];
            CheckpointMetadata metadata = EpochCheckpointMetadata.Create(run, summary, device, runClock.Elapsed);
            await checkpoints.SaveAsync(network, OptimizerSerializer.ToBytes(trainingStep.Optimizer), metadata, isKept, files,
                cancellationToken);
            LogEpoch(epoch, options.Epochs, trainLoss, Scores(validation, impostors), epochClock.Elapsed, isKept,
                options.KeptEpoch);
            if (options.KeptEpoch == KeptEpoch.Best && options.EarlyStoppingPatience > 0
                && epochsWithoutBest >= options.EarlyStoppingPatience)
            {
                LogEarlyStop(epochsWithoutBest, bestScore);
                break;
            }
        }
        return new TrainingResult(epochs, position.StepLosses);
    }

    /// <summary>The epoch's steps, up to the run's planned total; returns the mean loss of the steps that were not skipped.</summary>
    private double TrainEpoch(ITrainingObjective objective, TrainingStep trainingStep, int epoch, RunPosition position,
        TrainingOptions options, CancellationToken cancellationToken)
    {
        double lossSum = 0;
        int lossCount = 0;
        foreach (TrainingBatch batch in objective.Batches(epoch).Take(position.StepsLeft(objective.StepsPerEpoch)))
        {
            float loss;
            int pairs;
            using (batch)
            {
                trainingStep.SetLearningRate(LearningRates.At(options, position.Step, position.PlannedSteps));
                loss = trainingStep.Run(batch.Loss);
                pairs = batch.Pairs;
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (float.IsNaN(loss))
            {
                StopIfDiverged(position.Skipped(), position.Step, trainingStep.LastSkipReason, options.LearningRate);
                continue;
            }
            position.Trained(loss);
            metrics?.Step(pairs, loss);
            lossSum += loss;
            lossCount++;
            if (position.Progress.Tick(pairs, out double pairsPerSecond, out TimeSpan eta) || position.Finished)
                LogProgress(epoch, options.Epochs, position.Step, position.PlannedSteps, lossSum / lossCount, pairsPerSecond, Clock(eta));
        }
        return lossSum / Math.Max(1, lossCount);
    }

    /// <summary>
    /// After a step <see cref="TrainingStep"/> skipped (non-finite loss or gradients): a few are survivable, many in a row
    /// are divergence.
    /// </summary>
    private void StopIfDiverged(int skippedInARow, long step, string reason, double learningRate)
    {
        LogSkippedStep(step, skippedInARow, reason);
        if (skippedInARow >= MaxSkippedStepsInARow)
            throw new InvalidInputException("training.diverged",
                $"Training diverged: {skippedInARow} steps in a row had a non-finite loss or gradients (at step {step}); " +
                $"lower the learning rate (Training:LearningRate, now {learningRate}).");
    }

    private void RestoreOptimizer(string runId, ResumePoint resume, optim.Optimizer optimizer)
    {
        using var state = new MemoryStream(resume.OptimizerState);
        OptimizerSerializer.Read(optimizer, state, $"run {runId} epoch {resume.Epoch}");
        LogResume(runId, resume.Epoch, resume.Steps);
    }

    private static long PlannedSteps(TrainingOptions options, int stepsPerEpoch)
    {
        long planned = (long)stepsPerEpoch * options.Epochs;
        return options.MaxSteps > 0 ? Math.Min(planned, options.MaxSteps) : planned;
    }

    /// <summary>The checkpoint's pictures; a picture that cannot be drawn is logged and left out, it never stops training.</summary>
    private IReadOnlyList<CheckpointAttachment> Pictures(TrainingProgress progress)
    {
        if (attachments is null) return [];
        try
        {
            return attachments.Create(progress);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNoAttachments(progress.History.Epochs[^1].Epoch, ex);
            return [];
        }
    }

    private static string Scores(OneShotResult? validation, OneShotResult? impostors) =>
        (validation?.ToString() ?? "no validation split") + (impostors is null ? "" : $"; {ImpostorTrials.Describe(impostors)}");

    private static string Clock(TimeSpan time) => time.ToString(time.TotalHours >= 24 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss");
}
