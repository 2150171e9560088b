using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Siamese.Trainer.Jobs;

/// <summary>
/// Keeps a queue message invisible while it is being worked on by extending its visibility at half the timeout.
/// A failed renewal (storage briefly unreachable) is logged and tried again at the next tick.
/// </summary>
internal sealed partial class MessageLease : IAsyncDisposable
{
    private readonly QueueClient queue;
    private readonly string messageId;
    private readonly TimeSpan visibility;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;
    private string popReceipt;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan visibility, ILogger logger)
    {
        this.queue = queue;
        messageId = message.MessageId;
        popReceipt = message.PopReceipt;
        this.visibility = visibility;
        this.logger = logger;
        renewing = RenewAsync(stop.Token);
    }

    /// <summary>Stops renewing; returns the current pop receipt (needed to delete the message).</summary>
    public async Task<string> StopAsync()
    {
        if (!stop.IsCancellationRequested) await stop.CancelAsync();
        try { await renewing; }
        catch (OperationCanceledException) { }
        return popReceipt;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(visibility / 2);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                UpdateReceipt receipt = await queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: visibility,
                    cancellationToken: cancellationToken);
                popReceipt = receipt.PopReceipt;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRenewalFailed(ex, messageId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not extend the visibility of message {MessageId}; trying again")]
    private partial void LogRenewalFailed(Exception exception, string messageId);
}
