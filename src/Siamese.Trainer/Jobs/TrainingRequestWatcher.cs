using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Torch;
using Siamese.Model.Training;
using Siamese.Storage;
using Siamese.Storage.Datasets;

namespace Siamese.Trainer.Jobs;

/// <summary>
/// Consumes the training-requests queue as an Azure Container Apps job scaled on it would: takes one request, keeps
/// it invisible while training (renewing), deletes it on success, and moves it to training-requests-poison with the
/// reason when it cannot succeed (bad request, missing or failed dataset) or has failed too often. A request whose
/// training is interrupted becomes visible again and the next job resumes its run.
/// </summary>
public sealed partial class TrainingRequestWatcher(
    QueueServiceClient queues,
    StorageTrainingJob job,
    ResilientStorage storage,
    IOptions<WatchOptions> options,
    IOptions<TrainingOptions> trainerSettings,
    TimeProvider time,
    ILogger<TrainingRequestWatcher> logger)
{
    public const string PoisonQueue = StorageNames.TrainingRequestsQueue + StorageNames.PoisonSuffix;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // Before any request is taken: a job that asks for CUDA on a replica without it stops here, with the reason,
        // instead of failing (and poisoning) the requests it would take.
        string device = TorchDevice.Resolve(trainerSettings.Value.Device).ToString();
        WatchOptions settings = options.Value;
        QueueClient requests = queues.GetQueueClient(StorageNames.TrainingRequestsQueue);
        QueueClient poison = queues.GetQueueClient(PoisonQueue);
        await storage.RunAsync(async ct =>
        {
            await requests.CreateIfNotExistsAsync(cancellationToken: ct);
            await poison.CreateIfNotExistsAsync(cancellationToken: ct);
        }, cancellationToken);
        LogWatching(StorageNames.TrainingRequestsQueue, settings.MaxRequests, device);

        int handled = 0;
        DateTimeOffset idleSince = time.GetUtcNow();
        while (settings.MaxRequests == 0 || handled < settings.MaxRequests)
        {
            QueueMessage? message = await storage.RunAsync(async ct =>
                (await requests.ReceiveMessageAsync(TimeSpan.FromSeconds(settings.VisibilityTimeoutSeconds), ct)).Value, cancellationToken);
            if (message is null)
            {
                if (IdleTooLong(settings, time.GetUtcNow() - idleSince))
                {
                    LogIdleExit(StorageNames.TrainingRequestsQueue, settings.IdleExitSeconds, handled, settings.MaxRequests);
                    break;
                }
                await Task.Delay(TimeSpan.FromSeconds(settings.PollIntervalSeconds), time, cancellationToken);
                continue;
            }
            handled++;
            await HandleAsync(requests, poison, message, settings, cancellationToken);
            idleSince = time.GetUtcNow();
        }
        return handled;
    }

    /// <summary>
    /// Only a job with a request limit gives up waiting: one that watches for ever (the local AppHost's) never does.
    /// </summary>
    private static bool IdleTooLong(WatchOptions settings, TimeSpan idle) =>
        settings is { MaxRequests: > 0, IdleExitSeconds: > 0 } && idle >= TimeSpan.FromSeconds(settings.IdleExitSeconds);

    private async Task HandleAsync(QueueClient requests, QueueClient poison, QueueMessage message, WatchOptions settings,
        CancellationToken cancellationToken)
    {
        TrainingRequest? request = Parse(message);
        if (request is null)
        {
            await PoisonAsync(requests, poison, message, message.PopReceipt, "request.invalid",
                "The message is not a training request (JSON with a datasetId).", cancellationToken);
            return;
        }
        if (message.DequeueCount > settings.MaxAttempts)
        {
            await PoisonAsync(requests, poison, message, message.PopReceipt, "request.attempts",
                $"Training dataset {request.DatasetId} was attempted {message.DequeueCount - 1} times without success.", cancellationToken);
            return;
        }

        LogRequest(request.DatasetId, message.MessageId, message.DequeueCount);
        await using var lease = new MessageLease(requests, message, TimeSpan.FromSeconds(settings.VisibilityTimeoutSeconds), logger);
        try
        {
            string runId = await job.RunAsync(request, change: null, cancellationToken);
            string receipt = await lease.StopAsync();
            await storage.RunAsync(async ct => { await requests.DeleteMessageAsync(message.MessageId, receipt, ct); }, cancellationToken);
            LogDone(request.DatasetId, runId);
        }
        catch (InvalidInputException ex)
        {
            await PoisonAsync(requests, poison, message, await lease.StopAsync(), ex.Code, ex.Message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Possibly transient: leave the request; it becomes visible again and is retried (up to MaxAttempts).
            await lease.StopAsync();
            LogFailed(ex, request.DatasetId, message.DequeueCount, settings.MaxAttempts);
        }
    }

    private async Task PoisonAsync(QueueClient requests, QueueClient poison, QueueMessage message, string popReceipt, string code,
        string reason, CancellationToken cancellationToken)
    {
        var entry = new PoisonedRequest(message.Body.ToString(), code, reason, message.DequeueCount, time.GetUtcNow());
        string body = JsonSerializer.Serialize(entry, TrainerJson.Default.PoisonedRequest);
        await storage.RunAsync(async ct => { await poison.SendMessageAsync(body, ct); }, cancellationToken);
        await storage.RunAsync(async ct => { await requests.DeleteMessageAsync(message.MessageId, popReceipt, ct); }, cancellationToken);
        LogPoisoned(message.MessageId, code, reason);
    }

    private static TrainingRequest? Parse(QueueMessage message)
    {
        try
        {
            var request = JsonSerializer.Deserialize(message.Body.ToMemory().Span, StorageJson.Default.TrainingRequest);
            return string.IsNullOrWhiteSpace(request?.DatasetId) ? null : request;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Watching queue {Queue} for training requests (stop after {MaxRequests}; 0 = never); training on {Device}")]
    private partial void LogWatching(string queue, int maxRequests, string device);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Queue {Queue} has been empty for {IdleSeconds} s (Watch:IdleExitSeconds): stopping after {Handled} of at most " +
            "{MaxRequests} request(s)")]
    private partial void LogIdleExit(string queue, double idleSeconds, int handled, int maxRequests);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Training request for dataset {DatasetId} (message {MessageId}, delivery {Delivery})")]
    private partial void LogRequest(string datasetId, string messageId, long delivery);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {DatasetId} trained: run {RunId}; request deleted")]
    private partial void LogDone(string datasetId, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training request {MessageId} moved to the poison queue: {Code}: {Reason}")]
    private partial void LogPoisoned(string messageId, string code, string reason);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Training dataset {DatasetId} failed on delivery {Delivery} of {MaxAttempts}; the request will be retried")]
    private partial void LogFailed(Exception exception, string datasetId, long delivery, int maxAttempts);
}
