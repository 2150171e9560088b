using Microsoft.Extensions.Logging;

namespace Siamese.Model.Training;

/// <summary>The trainer's log lines.</summary>
public sealed partial class SiameseTrainer
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Run {RunId}: resuming after epoch {Epoch} (step {Steps}) with its weights and optimizer state")]
    private partial void LogResume(string runId, int epoch, long steps);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Run {RunId}: {Data}, {Epochs} epochs of {StepsPerEpoch} steps ({PlannedSteps} steps) on {Device}; model {Model}")]
    private partial void LogStart(string runId, string data, int epochs, int stepsPerEpoch, long plannedSteps, string device, string model);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The pictures of epoch {Epoch} (training curves, report) could not be made; the checkpoint is saved without them")]
    private partial void LogNoAttachments(int epoch, Exception exception);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Count} computations of epoch {Epoch} had non-finite gradients and were repeated on one CPU thread")]
    private partial void LogRetried(int count, int epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Step {Step} skipped ({InARow} in a row), the weights are unchanged: {Reason}")]
    private partial void LogSkippedStep(long step, int inARow, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Stopping early: {Epochs} epochs without a better validation score (best {Best:P2})")]
    private partial void LogEarlyStop(int epochs, double best);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "epoch {Epoch}/{Epochs} step {Step}/{Steps} loss {Loss:F4} {PairsPerSecond:F1} pairs/s ETA {Eta}")]
    private partial void LogProgress(int epoch, int epochs, long step, long steps, double loss, double pairsPerSecond, string eta);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "epoch {Epoch}/{Epochs} done: train loss {Loss:F4}; {Validation}; {Elapsed}{BestMark}")]
    private partial void LogEpochCore(int epoch, int epochs, double loss, string validation, string elapsed, string bestMark);

    private void LogEpoch(int epoch, int epochs, double loss, string validation, TimeSpan elapsed, bool isKept, KeptEpoch kept) =>
        LogEpochCore(epoch, epochs, loss, validation, Clock(elapsed),
            !isKept ? "" : kept == KeptEpoch.Last ? " (kept: the run keeps its last epoch)" : " (best so far)");
}
