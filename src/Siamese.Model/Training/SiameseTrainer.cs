using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Siamese.Model.Checkpoints;
using Siamese.Model.Evaluation;
using Siamese.Model.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Model.Training;

/// <summary>
/// The training loop: binary cross-entropy with label smoothing on the pair logits, Adam, one checkpoint per epoch
/// with the validation one-shot accuracy. Every step runs inside its own dispose scope, so memory stays flat.
/// </summary>
public sealed partial class SiameseTrainer(ILogger<SiameseTrainer> logger, TrainingMetrics? metrics = null)
{
    public async Task<TrainingResult> TrainAsync(TrainingRun run, ICheckpointSink checkpoints, CancellationToken cancellationToken)
    {
        TrainingOptions options = run.Options;
        var network = run.Network;
        Device device = TorchDevice.Resolve(options.Device);
        network.to(device);

        using var optimizer = optim.Adam(network.parameters(), lr: options.LearningRate, beta1: 0.9, beta2: 0.999, eps: 1e-7); // Keras' Adam
        ResumePoint? resume = run.ResumeFrom;
        if (resume is not null)
        {
            using var state = new MemoryStream(resume.OptimizerState);
            OptimizerSerializer.Read(optimizer, state, $"run {run.RunId} epoch {resume.Epoch}");
            LogResume(run.RunId, resume.Epoch, resume.Steps);
        }
        int stepsPerEpoch = (run.Pairs.Count + options.BatchSize - 1) / options.BatchSize;
        long plannedSteps = (long)stepsPerEpoch * options.Epochs;
        if (options.MaxSteps > 0) plannedSteps = Math.Min(plannedSteps, options.MaxSteps);
        LogStart(run.RunId, run.Pairs.Count, run.Pairs.Positives, options.Epochs, stepsPerEpoch, plannedSteps, device.type.ToString(), network.Config.ToString());

        long step = resume?.Steps ?? 0;
        var progress = new ProgressMeter(plannedSteps - step, TimeSpan.FromSeconds(options.ProgressIntervalSeconds));
        var stepLosses = new List<float>();
        var epochs = new List<EpochSummary>();
        double bestAccuracy = resume?.BestScore ?? double.NegativeInfinity;
        var runClock = Stopwatch.StartNew();

        for (int epoch = (resume?.Epoch ?? 0) + 1; epoch <= options.Epochs && step < plannedSteps; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            network.train();
            int[] order = Enumerable.Range(0, run.Pairs.Count).ToArray();
            DeterministicRandom.For(options.Seed, $"shuffle:{epoch}").Shuffle(order);

            double lossSum = 0;
            int lossCount = 0;
            for (int start = 0; start < order.Length && step < plannedSteps; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(options.BatchSize, order.Length - start);
                float loss = Step(network, optimizer, run.Pairs, order.AsSpan(start, count), options.LabelSmoothing, device);
                NativeHeap.Trim();
                step++;
                metrics?.Step(count, loss);
                stepLosses.Add(loss);
                lossSum += loss;
                lossCount++;

                if (progress.Tick(count, out double pairsPerSecond, out TimeSpan eta) || step == plannedSteps)
                    LogProgress(epoch, options.Epochs, step, plannedSteps, lossSum / lossCount, pairsPerSecond, Clock(eta));
            }

            OneShotResult? validation = run.Validation is null ? null : OneShotEvaluator.Evaluate(network, run.Validation, cancellationToken: cancellationToken);
            double trainLoss = lossSum / Math.Max(1, lossCount);
            bool isBest = (validation?.Accuracy ?? -trainLoss) > bestAccuracy;
            if (isBest) bestAccuracy = validation?.Accuracy ?? -trainLoss;

            var summary = new EpochSummary(epoch, step, trainLoss, validation, epochClock.Elapsed);
            metrics?.Epoch(epochClock.Elapsed, validation?.Accuracy);
            epochs.Add(summary);
            await checkpoints.SaveAsync(network, OptimizerSerializer.ToBytes(optimizer), Metadata(run, summary, device, runClock.Elapsed) with { ProbeScores = CheckpointProbe.Scores(network) }, isBest, cancellationToken);
            LogEpoch(epoch, options.Epochs, trainLoss, validation?.ToString() ?? "no validation split", epochClock.Elapsed, isBest);
        }
        return new TrainingResult(epochs, stepLosses);
    }

    private static float Step(SiameseNetwork network, optim.Optimizer optimizer, PairDataset pairs, ReadOnlySpan<int> batch,
        double labelSmoothing, Device device)
    {
        using var scope = NewDisposeScope();
        var (images, labels) = pairs.Batch(batch);
        images = images.to(device);
        labels = labels.to(device);
        Tensor targets = labels * (1 - labelSmoothing) + labelSmoothing / 2;
        Tensor logits = network.Logits(images);
        Tensor loss = nn.functional.binary_cross_entropy_with_logits(logits, targets);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

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
            run.Sampling.PositivesPerClass, run.Sampling.NegativesPerClass, run.Options.ValidationFraction, run.Options.Seed, epoch.Steps),
        Device = device.ToString(),
        WallTimeSeconds = Math.Round(wallTime.TotalSeconds, 1),
        ResumedFromEpoch = run.ResumeFrom?.Epoch,
    };

    private static string Clock(TimeSpan time) => time.ToString(time.TotalHours >= 24 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss");

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: resuming after epoch {Epoch} (step {Steps}) with its weights and optimizer state")]
    private partial void LogResume(string runId, int epoch, long steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Pairs} pairs ({Positives} positive), {Epochs} epochs of {StepsPerEpoch} steps ({PlannedSteps} steps) on {Device}; model {Model}")]
    private partial void LogStart(string runId, int pairs, int positives, int epochs, int stepsPerEpoch, long plannedSteps, string device, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "epoch {Epoch}/{Epochs} step {Step}/{Steps} loss {Loss:F4} {PairsPerSecond:F1} pairs/s ETA {Eta}")]
    private partial void LogProgress(int epoch, int epochs, long step, long steps, double loss, double pairsPerSecond, string eta);

    [LoggerMessage(Level = LogLevel.Information, Message = "epoch {Epoch}/{Epochs} done: train loss {Loss:F4}; {Validation}; {Elapsed}{BestMark}")]
    private partial void LogEpochCore(int epoch, int epochs, double loss, string validation, string elapsed, string bestMark);

    private void LogEpoch(int epoch, int epochs, double loss, string validation, TimeSpan elapsed, bool isBest) =>
        LogEpochCore(epoch, epochs, loss, validation, Clock(elapsed), isBest ? " (best so far)" : "");
}
