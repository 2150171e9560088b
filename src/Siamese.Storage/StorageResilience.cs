using System.Net;
using Azure;
using Polly;
using Polly.Retry;

namespace Siamese.Storage;

/// <summary>
/// The Polly pipeline around storage calls: retries transient failures (timeouts, throttling, 5xx, a storage
/// service that is briefly unreachable) with exponential back-off. Conflicts and precondition failures are
/// answers, not faults, and are never retried.
/// </summary>
public static class StorageResilience
{
    public const string PipelineName = "storage";

    public static void Configure(ResiliencePipelineBuilder builder) => builder.AddRetry(new RetryStrategyOptions
    {
        ShouldHandle = new PredicateBuilder()
            .Handle<RequestFailedException>(IsTransient)
            .Handle<HttpRequestException>()
            .Handle<IOException>()
            .Handle<TimeoutException>(),
        MaxRetryAttempts = 6,
        BackoffType = DelayBackoffType.Exponential,
        Delay = TimeSpan.FromMilliseconds(500),
        MaxDelay = TimeSpan.FromSeconds(10),
        UseJitter = true,
    });

    private static bool IsTransient(RequestFailedException ex) =>
        ex.Status is 0 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;
}
