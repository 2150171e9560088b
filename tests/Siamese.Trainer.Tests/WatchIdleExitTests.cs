using System.Diagnostics;
using System.Text;
using Siamese.DevStorage;
using Siamese.Storage;

namespace Siamese.Trainer.Tests;

/// <summary>
/// `watch` as the container job runs it, as a process of its own on a real Azurite whose queue is empty: with a request
/// limit it gives up after the idle time; without one it keeps watching.
/// </summary>
public sealed class WatchIdleExitTests : IAsyncLifetime
{
    private Azurite azurite = null!;

    public async Task InitializeAsync() => azurite = await Azurite.StartNewAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task Watch_with_a_request_limit_exits_0_once_the_queue_has_been_empty_for_the_idle_time()
    {
        var clock = Stopwatch.StartNew();
        using var watch = new WatchProcess(azurite, "--max-requests", "1", "--idle-exit-seconds", "2");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await watch.Process.WaitForExitAsync(timeout.Token);

        Assert.True(watch.Process.ExitCode == 0, watch.Output);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));
        Assert.Contains("has been empty for 2 s (Watch:IdleExitSeconds): stopping after 0 of at most 1", watch.Output);
        Assert.Contains("Handled 0 training request(s).", watch.Output);
    }

    [Fact]
    public async Task Watch_without_a_request_limit_keeps_watching_an_empty_queue()
    {
        using var watch = new WatchProcess(azurite, "--idle-exit-seconds", "1");

        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.False(watch.Process.HasExited, watch.Output);
        Assert.Contains("Watching queue training-requests", watch.Output);
        Assert.DoesNotContain("stopping after", watch.Output);
    }

    /// <summary>The trainer's `watch` in its own process, with its output collected; killed when disposed.</summary>
    private sealed class WatchProcess : IDisposable
    {
        private readonly StringBuilder output = new();

        public WatchProcess(Azurite azurite, params string[] args)
        {
            ProcessStartInfo start = TrainerProcess.StartInfo(["watch", .. args]);
            start.Environment[StorageNames.Connection] = azurite.ConnectionString;
            start.Environment["Watch__PollIntervalSeconds"] = "0.2";
            Process = Process.Start(start)!;
            Process.OutputDataReceived += (_, e) => Append(e.Data);
            Process.ErrorDataReceived += (_, e) => Append(e.Data);
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (output) return output.ToString();
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
            Process.Dispose();
        }

        private void Append(string? line)
        {
            lock (output) output.AppendLine(line);
        }
    }
}
