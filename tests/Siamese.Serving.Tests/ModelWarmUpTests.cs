using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Siamese.Serving.Provider;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Tests;

/// <summary>
/// The warm-up loads the served model at the instance's first HTTP request (the default), or once the host has started (not
/// before: it would slow the start-up), and the first request after it still reads served.json, as it would have without a
/// warm-up, without loading the model again.
/// </summary>
public sealed class ModelWarmUpTests
{
    [Fact]
    public async Task Once_the_host_has_started_the_default_names_model_alone_is_loaded_and_the_next_request_reads_the_pointer_again()
    {
        using var rig = new Rig(ModelWarmUpMode.AtStart);
        var (source, provider, lifetime, warmUp) = (rig.Source, rig.Provider, rig.Lifetime, rig.WarmUp);
        source.Serve("run-f", "faces");   // other names load at their first request

        await warmUp.StartAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.Empty(source.Loaded);

        lifetime.Started();
        await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(["run-a"], source.Loaded.Select(l => l.Split('/')[0]));

        int reads = source.Reads;
        using (ModelLease lease = await provider.AcquireAsync(ModelName.Default, CancellationToken.None))
            Assert.Equal("run-a/1", lease.Model.Id);
        Assert.Equal(reads + 1, source.Reads);
        Assert.Single(source.Loaded);
    }

    [Fact]
    public async Task By_default_nothing_loads_until_the_first_http_request_begins_it_once()
    {
        using var rig = new Rig(ModelWarmUpMode.FirstHttpRequest);
        var (source, lifetime, warmUp) = (rig.Source, rig.Lifetime, rig.WarmUp);

        await warmUp.StartAsync(CancellationToken.None);
        lifetime.Started();
        await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1));
        await Task.Delay(200);
        Assert.Null(warmUp.Warming);
        Assert.Equal((0, 0), (source.Loaded.Count, source.Reads));

        warmUp.Begin();
        Task warming = warmUp.Warming!;
        warmUp.Begin();
        await warming.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Same(warming, warmUp.Warming);
        Assert.Equal(["run-a"], source.Loaded.Select(l => l.Split('/')[0]));
    }

    [Fact]
    public async Task Switched_off_it_loads_nothing()
    {
        using var rig = new Rig(ModelWarmUpMode.Off);
        var (source, lifetime, warmUp) = (rig.Source, rig.Lifetime, rig.WarmUp);

        await warmUp.StartAsync(CancellationToken.None);
        lifetime.Started();
        await warmUp.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1));
        warmUp.Begin();

        Assert.Null(warmUp.Warming);
        Assert.Empty(source.Loaded);
        Assert.Equal(0, source.Reads);
    }

    /// <summary>A warm-up in <paramref name="mode"/> over a provider whose source serves run-a under `default`.</summary>
    private sealed class Rig : IDisposable
    {
        public Rig(ModelWarmUpMode mode)
        {
            var time = new FakeTimeProvider();
            Source = new FakeServedModelSource(time);
            Source.Serve("run-a");
            var options = Options.Create(new ServingOptions { WarmUp = mode });
            var precision = new PrecisionChoice(options, NullLogger<PrecisionChoice>.Instance);
            Provider = new ModelProvider(Source, precision, options, time, NullLogger<ModelProvider>.Instance);
            WarmUp = new ModelWarmUp(Provider, options, Lifetime, NullLogger<ModelWarmUp>.Instance);
        }

        public FakeServedModelSource Source { get; }
        public ModelProvider Provider { get; }
        public Lifetime Lifetime { get; } = new();
        public ModelWarmUp WarmUp { get; }

        public void Dispose()
        {
            WarmUp.Dispose();
            Provider.Dispose();
        }
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource started = new();

        public CancellationToken ApplicationStarted => started.Token;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Started() => started.Cancel();

        public void StopApplication()
        {
        }
    }
}
