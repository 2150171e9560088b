using System.Diagnostics;
using Azure.Storage.Queues;
using Siamese.DevStorage;
using Siamese.Storage;

namespace Siamese.Trainer.Tests;

/// <summary>
/// `watch` as the container job runs it, as a process of its own on a real Azurite: with a request limit it gives up
/// after the idle time; without one it keeps watching; asked for CUDA where there is none, it stops before it takes a
/// request.
/// </summary>
public sealed class WatchProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private Azurite azurite = null!;

    public async Task InitializeAsync() => azurite = await Azurite.StartNewAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task Watch_with_a_request_limit_exits_0_once_the_queue_has_been_empty_for_the_idle_time()
    {
        var clock = Stopwatch.StartNew();
        await using AppProcess watch = Watch([], "--max-requests", "1", "--idle-exit-seconds", "2");

        int exitCode = await watch.WaitForExitAsync(Bound);

        Assert.True(exitCode == 0, watch.Output);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), Bound);
        Assert.Contains("has been empty for 2 s (Watch:IdleExitSeconds): stopping after 0 of at most 1", watch.Output);
        Assert.Contains("Handled 0 training request(s).", watch.Output);
    }

    [Fact]
    public async Task Watch_without_a_request_limit_keeps_watching_an_empty_queue()
    {
        await using AppProcess watch = Watch([], "--idle-exit-seconds", "1");

        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.False(watch.HasExited, watch.Output);
        Assert.Contains("Watching queue training-requests", watch.Output);
        Assert.DoesNotContain("stopping after", watch.Output);
    }

    [Fact]
    public async Task Watch_asked_for_cuda_without_it_fails_at_once_and_leaves_the_request_queued()
    {
        var queues = new QueueServiceClient(azurite.ConnectionString);
        QueueClient requests = queues.GetQueueClient(StorageNames.TrainingRequestsQueue);
        await requests.CreateIfNotExistsAsync();
        await requests.SendMessageAsync("""{"datasetId":"0123456789abcdef"}""");

        await using AppProcess watch = Watch([new("Training__Device", "cuda")], "--max-requests", "1");
        int exitCode = await watch.WaitForExitAsync(Bound);

        Assert.True(exitCode != 0, watch.Output);
        Assert.Contains("Device 'cuda' was asked for, but this build or machine has no CUDA", watch.Output);
        Assert.Equal(1, (await requests.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.True((await requests.PeekMessageAsync()).Value is { DequeueCount: 0 }, "the request was taken");
    }

    private AppProcess Watch(KeyValuePair<string, string?>[] environment, params string[] args) =>
        AppProcess.Start(TrainerProcess.Dll, ["watch", .. args],
        [
            new(StorageNames.Connection, azurite.ConnectionString),
            new("Watch__PollIntervalSeconds", "0.2"),
            .. environment,
        ]);
}
