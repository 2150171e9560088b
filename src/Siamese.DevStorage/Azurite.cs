using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Siamese.DevStorage;

/// <summary>
/// A real Azurite (blob, queue and table services) in a process of its own, on free loopback ports, storing in a
/// temporary folder, so that it can be stopped and started again on the same ports with its data. For the tests and
/// the benchmarks; the AppHost runs the same emulator as an Aspire resource.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private const int SignalInterrupt = 2;

    private const int FirstStartAttempts = 3;

    private readonly string location = Directory.CreateTempSubdirectory("azurite-").FullName;
    private readonly AzuriteOAuth? oauth;
    private Process? process;
    private bool started;

    private Azurite(AzuriteOAuth? oauth)
    {
        this.oauth = oauth;
        Endpoints = AzuriteEndpoints.OnFreePorts(oauth);
    }

    /// <summary>Its ports: chosen free before the first start, and kept from then on (a restart keeps its clients working).</summary>
    public AzuriteEndpoints Endpoints { get; private set; }

    public string ConnectionString => Endpoints.ConnectionString;

    /// <param name="oauth">HTTPS and OAuth bearer tokens (see <see cref="AzuriteOAuth"/>); plain HTTP without.</param>
    public static async Task<Azurite> StartNewAsync(AzuriteOAuth? oauth = null)
    {
        var azurite = new Azurite(oauth);
        await azurite.StartAsync();
        return azurite;
    }

    public async Task StartAsync()
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync();
                started = true;
                return;
            }
            // A port that was free when chosen can be taken before Azurite binds it (tests start servers side by side):
            // before the first start nothing depends on the ports yet, so it tries new ones.
            catch (AzuriteExitedException) when (!started && attempt < FirstStartAttempts)
            {
                Endpoints = AzuriteEndpoints.OnFreePorts(oauth);
            }
        }
    }

    private async Task StartOnceAsync()
    {
        string entry = AzuriteInstallation.EnsureInstalled(Repository.Root);
        var start = new ProcessStartInfo("node", Endpoints.NodeArguments(entry, location))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, line) => { if (line.Data is not null && said.Count < 50) said.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null && said.Count < 50) said.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (!await AcceptsAsync(Endpoints.BlobPort) || !await AcceptsAsync(Endpoints.QueuePort))
        {
            if (process.HasExited)
            {
                int exitCode = process.ExitCode;
                process.Dispose();
                process = null;
                throw new AzuriteExitedException(
                    $"Azurite exited with code {exitCode} on ports {Endpoints.BlobPort}, {Endpoints.QueuePort} and " +
                    $"{Endpoints.TablePort}: {string.Join(" | ", said.TakeLast(5))}");
            }
            if (clock.Elapsed > StartBound) throw new TimeoutException($"Azurite did not open its ports within {StartBound}.");
            await Task.Delay(100);
        }
    }

    private sealed class AzuriteExitedException(string message) : InvalidOperationException(message);

    /// <summary>
    /// Stops the emulator as a person pressing Ctrl+C would (SIGINT: Azurite saves its data to the folder), or kills it
    /// if it has not exited after 10 s; <see cref="StartAsync"/> brings it back on the same ports with its data.
    /// </summary>
    public async Task StopAsync()
    {
        if (process is null) return;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = SendSignal(process.Id, SignalInterrupt);
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(location, recursive: true); }
        catch (IOException) { }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
