using System.ComponentModel.DataAnnotations;

namespace Siamese.Functions.Triggers.Pipeline;

/// <summary>
/// The queue trigger's settings as host.json states them (extensions:queues), read by both hosts: the local host
/// configures its WebJobs queues from them, and <see cref="BuildPairs"/> knows which delivery is the last.
/// </summary>
public sealed class QueueTriggerSettings
{
    public const string Section = "extensions:queues";

    /// <summary>Deliveries of a message before the host moves it to the poison queue.</summary>
    [Range(1, 100)] public int MaxDequeueCount { get; set; }

    public TimeSpan MaxPollingInterval { get; set; }
    public TimeSpan VisibilityTimeout { get; set; }
}
