using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Siamese.Tests;

/// <summary>
/// A real Azurite (blob, queue and table services) on free loopback ports, storing in a temporary folder so it can
/// be stopped and started again on the same ports with its data. Installs Azurite from the repository's
/// package-lock.json (npm ci) on first use.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    // Azurite's well-known development account; public and documented, not a secret.
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string location = Directory.CreateTempSubdirectory("azurite-").FullName;
    private readonly int blobPort = FreePort(), queuePort = FreePort(), tablePort = FreePort();
    private Process? process;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{Account};QueueEndpoint=http://127.0.0.1:{queuePort}/{Account};TableEndpoint=http://127.0.0.1:{tablePort}/{Account};";

    public static async Task<Azurite> StartNewAsync()
    {
        var azurite = new Azurite();
        await azurite.StartAsync();
        return azurite;
    }

    public async Task StartAsync()
    {
        string entry = EnsureInstalled();
        var start = new ProcessStartInfo("node",
        [
            entry, "--silent", "--skipApiVersionCheck", "--loose", "--location", location,
            "--blobHost", "127.0.0.1", "--blobPort", $"{blobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{tablePort}",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!await AcceptsAsync(blobPort) || !await AcceptsAsync(queuePort))
        {
            if (process.HasExited) throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}.");
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("Azurite did not open its ports within 60 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Stops the emulator as a person pressing Ctrl+C would (SIGINT: Azurite saves its data to the folder), or kills it
    /// if it has not exited after 10 s; <see cref="StartAsync"/> brings it back on the same ports with its data.
    /// </summary>
    public async Task StopAsync()
    {
        if (process is null) return;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = SendSignal(process.Id, SignalInterrupt);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
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

    private const int SignalInterrupt = 2;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(location, recursive: true); }
        catch (IOException) { }
    }

    private static string EnsureInstalled()
    {
        string root = RepositoryRoot();
        string entry = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(entry)) return entry;

        // Several test assemblies may start at once: one installs, the others wait for it.
        using var installLock = AcquireLock(Path.Combine(root, "node_modules.install.lock"));
        if (File.Exists(entry)) return entry;
        var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = root })
                  ?? throw new InvalidOperationException("npm did not start: install Node.js.");
        npm.WaitForExit();
        if (npm.ExitCode != 0 || !File.Exists(entry))
            throw new InvalidOperationException($"'npm ci' in {root} failed (exit {npm.ExitCode}); Azurite is needed for these tests.");
        return entry;
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Siamese.sln"))) return directory.FullName;
        throw new InvalidOperationException("The tests must run inside the repository (no Siamese.sln above " + AppContext.BaseDirectory + ").");
    }

    private static FileStream AcquireLock(string path)
    {
        for (var waited = Stopwatch.StartNew(); ; Thread.Sleep(500))
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose); }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(5)) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

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
