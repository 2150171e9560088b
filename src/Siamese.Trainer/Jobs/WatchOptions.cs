using System.ComponentModel.DataAnnotations;

namespace Siamese.Trainer.Jobs;

/// <summary>How `watch` consumes the training-requests queue (section "Watch").</summary>
public sealed class WatchOptions
{
    /// <summary>Seconds between polls of an empty queue.</summary>
    [Range(0.1, 3600)] public double PollIntervalSeconds { get; set; } = 2;

    /// <summary>How long a request stays invisible to other consumers; renewed at half this interval while training.</summary>
    [Range(2, 7 * 24 * 3600)] public double VisibilityTimeoutSeconds { get; set; } = 60;

    /// <summary>Deliveries of one request before it moves to the poison queue.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 3;

    /// <summary>Stop after handling this many requests (0: run until stopped), as a job execution that handles one message.</summary>
    [Range(0, int.MaxValue)] public int MaxRequests { get; set; }

    /// <summary>
    /// With a request limit, stop once the queue has stayed empty this long (0: wait for the next request however long it
    /// takes), so a job execution started for a request another execution took does not wait out its timeout.
    /// Without a request limit (<see cref="MaxRequests"/> 0) `watch` keeps watching.
    /// </summary>
    [Range(0, 7 * 24 * 3600)] public double IdleExitSeconds { get; set; } = 600;
}
