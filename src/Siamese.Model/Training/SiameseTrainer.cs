using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Siamese.Model.Checkpoints;
using Siamese.Model.Evaluation;
using Siamese.Model.Network;
using Siamese.Model.Torch;
using Siamese.Model.Training.Batches;
using Siamese.Model.Training.Progress;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Model.Training;

/// <summary>
/// The training loop: shuffled batches through <see cref="TrainingStep"/>, one checkpoint per epoch with the
/// validation one-shot accuracy and whatever <see cref="ICheckpointAttachments"/> adds (training curves, a report).
/// </summary>
public sealed partial class SiameseTrainer(ILogger<SiameseTrainer> logger, TrainingMetrics? metrics = null, ICheckpointAttachments? attachments = null)
{
    private const int MaxSkippedStepsInARow = 10;

    public async Task<TrainingResult> TrainAsync(TrainingRun run, ICheckpointSink checkpoints, CancellationToken cancellationToken)
    {
        TrainingOptions options = run.Options;
        var network = run.Network;
        Device device = TorchDevice.Resolve(options.Device);
        network.to(device);
        network.SetBatchNormMomentum(options.BatchNormMomentum);

        using var trainingStep = new TrainingStep(network, options.LearningRate, options.LabelSmoothing, device);
        optim.Optimizer optimizer = trainingStep.Optimizer;
        ResumePoint? resume = run.ResumeFrom;
        if (resume is not null)
        {
            using var state = new MemoryStream(resume.OptimizerState);
            OptimizerSerializer.Read(optimizer, state, $"run {run.RunId} epoch {resume.Epoch}");
            LogResume(run.RunId, resume.Epoch, resume.Steps);
        }
        var inBatch = options.Objective == TrainingObjective.InBatch ? InBatchSamplerFor(run) : null;
        int stepsPerEpoch = inBatch is null
            ? (run.Pairs.Count + options.BatchSize - 1) / options.BatchSize
            : options.StepsPerEpoch > 0 ? options.StepsPerEpoch : Math.Max(1, run.Classes!.ImageCount / inBatch.BatchImages);
        long plannedSteps = (long)stepsPerEpoch * options.Epochs;
        if (options.MaxSteps > 0) plannedSteps = Math.Min(plannedSteps, options.MaxSteps);
        string what = inBatch is null
            ? $"{run.Pairs.Count} pairs ({run.Pairs.Positives} positive)"
            : $"{run.Classes!.ImageCount} images of {inBatch.ClassCount} classes, batches of {inBatch.BatchImages} images ({inBatch.BatchImages * (inBatch.BatchImages - 1) / 2} pairs each)";
        LogStart(run.RunId, what, options.Epochs, stepsPerEpoch, plannedSteps, device.type.ToString(), network.Config.ToString());

        long step = resume?.Steps ?? 0;
        TrainingHistory prior = resume?.History is { } stored && stored.LastStep == step ? stored : new TrainingHistory(step + 1, [], []);
        var progress = new ProgressMeter(plannedSteps - step, TimeSpan.FromSeconds(options.ProgressIntervalSeconds));
        var stepLosses = new List<float>();
        var epochs = new List<EpochSummary>();
        double bestAccuracy = resume?.BestScore ?? double.NegativeInfinity;
        int epochsWithoutBest = 0, skippedInARow = 0, retriedBefore = 0;
        var runClock = Stopwatch.StartNew();

        for (int epoch = (resume?.Epoch ?? 0) + 1; epoch <= options.Epochs && step < plannedSteps; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            network.train();
            double lossSum = 0;
            int lossCount = 0;
            foreach (var (loss, pairs) in EpochSteps(run, inBatch, trainingStep, epoch, stepsPerEpoch, () => step, plannedSteps))
            {
                cancellationToken.ThrowIfCancellationRequested();
                step++;
                if (float.IsNaN(loss))
                {
                    // Skipped by TrainingStep: non-finite loss or gradients. A few are survivable; many in a row are divergence.
                    LogSkippedStep(step, ++skippedInARow, trainingStep.LastSkipReason);
                    if (skippedInARow >= MaxSkippedStepsInARow)
                        throw new InvalidInputException("training.diverged",
                            $"Training diverged: {skippedInARow} steps in a row had a non-finite loss or gradients (at step {step}); lower the learning rate (Training:LearningRate, now {options.LearningRate}).");
                    continue;
                }
                skippedInARow = 0;
                metrics?.Step(pairs, loss);
                stepLosses.Add(loss);
                lossSum += loss;
                lossCount++;

                if (progress.Tick(pairs, out double pairsPerSecond, out TimeSpan eta) || step == plannedSteps)
                    LogProgress(epoch, options.Epochs, step, plannedSteps, lossSum / lossCount, pairsPerSecond, Clock(eta));
            }

            OneShotResult? validation = run.Validation is null ? null : OneShotEvaluator.Evaluate(network, run.Validation, cancellationToken: cancellationToken);
            double trainLoss = lossSum / Math.Max(1, lossCount);
            bool isBest = (validation?.Accuracy ?? -trainLoss) > bestAccuracy;
            if (isBest) bestAccuracy = validation?.Accuracy ?? -trainLoss;
            epochsWithoutBest = isBest ? 0 : epochsWithoutBest + 1;

            if (trainingStep.RetriedSteps > retriedBefore)
                LogRetried(trainingStep.RetriedSteps - retriedBefore, epoch);
            retriedBefore = trainingStep.RetriedSteps;
            var summary = new EpochSummary(epoch, step, trainLoss, validation, epochClock.Elapsed);
            metrics?.Epoch(epochClock.Elapsed, validation?.Accuracy);
            epochs.Add(summary);
            var history = new TrainingHistory(prior.FirstStep, [.. prior.StepLosses, .. stepLosses], [.. prior.Epochs, .. epochs.Select(EpochPoint.Of)]);
            IReadOnlyList<CheckpointAttachment> files = [history.ToAttachment(), .. Pictures(new TrainingProgress(run.RunId, history, run.Validation, validation))];
            CheckpointMetadata metadata = Metadata(run, summary, device, runClock.Elapsed) with
            {
                ProbeScores = CheckpointProbe.Scores(network),
                Threshold = validation is null ? null : DecisionThreshold.Choose(validation, run.Validation!.Trials),
            };
            await checkpoints.SaveAsync(network, OptimizerSerializer.ToBytes(optimizer), metadata,
                isBest, files, cancellationToken);
            LogEpoch(epoch, options.Epochs, trainLoss, validation?.ToString() ?? "no validation split", epochClock.Elapsed, isBest);
            if (options.EarlyStoppingPatience > 0 && epochsWithoutBest >= options.EarlyStoppingPatience)
            {
                LogEarlyStop(epochsWithoutBest, bestAccuracy);
                break;
            }
        }
        return new TrainingResult(epochs, stepLosses);
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

    /// <summary>The steps of one epoch (until <paramref name="plannedSteps"/>), each yielding its loss and how many pairs it judged.</summary>
    private static IEnumerable<(float Loss, int Pairs)> EpochSteps(TrainingRun run, InBatchSampler? inBatch, TrainingStep trainingStep,
        int epoch, int stepsPerEpoch, Func<long> step, long plannedSteps)
    {
        TrainingOptions options = run.Options;
        if (inBatch is null)
        {
            int[] order = Enumerable.Range(0, run.Pairs.Count).ToArray();
            DeterministicRandom.For(options.Seed, $"shuffle:{epoch}").Shuffle(order);
            for (int start = 0; start < order.Length && step() < plannedSteps; start += options.BatchSize)
            {
                trainingStep.SetLearningRate(LearningRates.At(options, step(), plannedSteps));
                int count = Math.Min(options.BatchSize, order.Length - start);
                yield return (trainingStep.Run(run.Pairs, order.AsSpan(start, count)), count);
            }
            yield break;
        }

        Random random = DeterministicRandom.For(options.Seed, $"in-batch:{epoch}");
        for (int i = 0; i < stepsPerEpoch && step() < plannedSteps; i++)
        {
            trainingStep.SetLearningRate(LearningRates.At(options, step(), plannedSteps));
            float loss;
            int images;
            using (NewDisposeScope())
            {
                ClassBatch batch = inBatch.Next(random);
                images = (int)batch.Images.shape[0];
                loss = trainingStep.RunInBatch(batch with { Images = AffineDistortion.Apply(batch.Images, options.Affine, random) });
            }
            yield return (loss, images * (images - 1) / 2);
        }
    }

    private static InBatchSampler InBatchSamplerFor(TrainingRun run) =>
        run.Classes is { } classes
            ? new InBatchSampler(classes, run.Options.ClassesPerBatch, run.Options.ImagesPerClass, run.Options.RotatedClasses)
            : throw new InvalidInputException("training.objective", "In-batch training needs the training images by class; this data source provides rendered pairs only (use Objective Pairs).");

    private static CheckpointMetadata Metadata(TrainingRun run, EpochSummary epoch, Device device, TimeSpan wallTime) => new()
    {
        RunId = run.RunId,
        Epoch = epoch.Epoch,
        CreatedUtc = DateTimeOffset.UtcNow,
        Model = run.Network.Config,
        Preprocessing = run.Preprocessing,
        Data = run.Data,
        Metrics = new MetricsInfo(epoch.TrainLoss, epoch.Validation?.Accuracy, epoch.Validation?.Ways ?? 0, epoch.Validation?.Trials ?? 0),
        Training = new TrainingInfo(run.Options.Epochs, run.Options.BatchSize, run.Options.LearningRate, run.Options.LabelSmoothing,
            run.Sampling.PositivesPerClass, run.Sampling.NegativesPerClass, run.Options.ValidationFraction, run.Options.Seed, epoch.Steps)
        {
            Objective = run.Options.Objective,
            ClassesPerBatch = run.Options.Objective == TrainingObjective.InBatch ? run.Options.ClassesPerBatch : null,
            ImagesPerClass = run.Options.Objective == TrainingObjective.InBatch ? run.Options.ImagesPerClass : null,
            RotatedClasses = run.Options.RotatedClasses,
            Affine = run.Options.Affine,
            Schedule = run.Options.Schedule,
            BatchNormMomentum = run.Options.BatchNormMomentum,
        },
        Device = device.ToString(),
        WallTimeSeconds = Math.Round(wallTime.TotalSeconds, 1),
        ResumedFromEpoch = run.ResumeFrom?.Epoch,
        Recipe = run.Recipe,
    };

    private static string Clock(TimeSpan time) => time.ToString(time.TotalHours >= 24 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss");

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: resuming after epoch {Epoch} (step {Steps}) with its weights and optimizer state")]
    private partial void LogResume(string runId, int epoch, long steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Data}, {Epochs} epochs of {StepsPerEpoch} steps ({PlannedSteps} steps) on {Device}; model {Model}")]
    private partial void LogStart(string runId, string data, int epochs, int stepsPerEpoch, long plannedSteps, string device, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pictures of epoch {Epoch} (training curves, report) could not be made; the checkpoint is saved without them")]
    private partial void LogNoAttachments(int epoch, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} computations of epoch {Epoch} had non-finite gradients and were repeated on one CPU thread")]
    private partial void LogRetried(int count, int epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Step {Step} skipped ({InARow} in a row), the weights are unchanged: {Reason}")]
    private partial void LogSkippedStep(long step, int inARow, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping early: {Epochs} epochs without a better validation score (best {Best:P2})")]
    private partial void LogEarlyStop(int epochs, double best);

    [LoggerMessage(Level = LogLevel.Information, Message = "epoch {Epoch}/{Epochs} step {Step}/{Steps} loss {Loss:F4} {PairsPerSecond:F1} pairs/s ETA {Eta}")]
    private partial void LogProgress(int epoch, int epochs, long step, long steps, double loss, double pairsPerSecond, string eta);

    [LoggerMessage(Level = LogLevel.Information, Message = "epoch {Epoch}/{Epochs} done: train loss {Loss:F4}; {Validation}; {Elapsed}{BestMark}")]
    private partial void LogEpochCore(int epoch, int epochs, double loss, string validation, string elapsed, string bestMark);

    private void LogEpoch(int epoch, int epochs, double loss, string validation, TimeSpan elapsed, bool isBest) =>
        LogEpochCore(epoch, epochs, loss, validation, Clock(elapsed), isBest ? " (best so far)" : "");
}
