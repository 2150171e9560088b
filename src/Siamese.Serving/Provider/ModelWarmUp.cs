using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.Serving.Comparison;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Provider;

/// <summary>
/// Takes a compare's one-time costs off the requests: it loads LibTorch's native libraries, the model served under `default`
/// (its checkpoint read, rebuilt and optimised for inference; other names load at their first request) and runs one forward
/// pass of a compare's shape (oneDNN makes each convolution's kernels on first use), once per instance, in the background. A
/// request that comes meanwhile waits only for what is not done yet. When (Serving:WarmUp): at the instance's first HTTP
/// request, which each host's HTTP layer reports through <see cref="Begin"/> (the default: an instance that only prepares
/// datasets never loads the model), as the host starts, or never. Logs each part's time (docs/benchmarks.md, "Cold start").
/// </summary>
public sealed partial class ModelWarmUp(ModelProvider models, IOptions<ServingOptions> options, IHostApplicationLifetime lifetime,
    ILogger<ModelWarmUp> logger) : BackgroundService
{
    private readonly Lock gate = new();

    /// <summary>The warm-up once begun; null before (and always, when it is off).</summary>
    public Task? Warming { get; private set; }

    /// <summary>An HTTP request reached this instance: begins the warm-up unless it has begun or is not wanted then.</summary>
    public void Begin()
    {
        if (options.Value.WarmUp != ModelWarmUpMode.FirstHttpRequest || Warming is not null) return;
        lock (gate) Warming ??= Task.Run(() => WarmUpAsync(lifetime.ApplicationStopping));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.WarmUp != ModelWarmUpMode.AtStart) return;
        // After the host has started: run beside its start-up, the warm-up slowed it more than it saved (on 2 cores).
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(started.SetResult))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
            await started.Task;
        lock (gate) Warming ??= WarmUpAsync(stoppingToken);
        await Warming;
    }

    private async Task WarmUpAsync(CancellationToken stoppingToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            TorchSharp.torch.get_num_threads(); // the first torch call loads the native libraries
            TimeSpan libTorch = clock.Elapsed;
            using ModelLease lease = await models.AcquireAsync(ModelName.Default, stoppingToken);
            TimeSpan model = clock.Elapsed - libTorch;
            Embedder.WarmUp(lease.Model, stoppingToken);
            TimeSpan forward = clock.Elapsed - libTorch - model;
            // The next request reads the served pointer again, as it would have without a warm-up.
            models.CheckNow(ModelName.Default);
            LogWarmedUp(clock.Elapsed.TotalMilliseconds, libTorch.TotalMilliseconds, model.TotalMilliseconds, lease.Model.Id,
                forward.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWarmUpFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Warmed up in {TotalMs:0} ms: LibTorch {LibTorchMs:0} ms, model {ModelMs:0} ms ({ModelId}), first forward pass {ForwardMs:0} ms")]
    private partial void LogWarmedUp(double totalMs, double libTorchMs, double modelMs, string modelId, double forwardMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up failed; the first request will load the model")]
    private partial void LogWarmUpFailed(Exception exception);
}
