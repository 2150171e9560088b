using System.Diagnostics;

namespace Siamese.Testing.Browser;

/// <summary>
/// Debian's Chromium, which the page tests drive headless: found at /usr/bin/chromium (or $CHROMIUM), installed with
/// apt-get on first use where the tests run as root (CI, a fresh machine); anywhere else the failure says what to install.
/// </summary>
public static class Chromium
{
    public const string DebianPath = "/usr/bin/chromium";

    /// <summary>Headless needs none of the desktop's recommended packages; the fonts keep screenshots alike everywhere.</summary>
    private static readonly string[] Install = ["install", "-y", "--no-install-recommends", "chromium", "fonts-liberation"];

    private static readonly SemaphoreSlim Installing = new(1, 1);

    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        string path = Environment.GetEnvironmentVariable("CHROMIUM") ?? DebianPath;
        if (File.Exists(path)) return path;
        await Installing.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(path)) return path;
            if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
                throw new InvalidOperationException(
                    $"The page tests need Chromium at {path}: install Debian's package (apt-get install chromium) or set CHROMIUM.");
            Console.WriteLine("Installing Debian's chromium (apt-get, once)...");
            if (await AptGetAsync(Install, cancellationToken) != 0)
            {
                await AptGetAsync(["update"], cancellationToken);
                await AptGetAsync(Install, cancellationToken);
            }
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"apt-get install chromium did not give {path}; the page tests need it.");
        }
        finally
        {
            Installing.Release();
        }
    }

    private static async Task<int> AptGetAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("apt-get", arguments) { Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" } };
        using Process apt = Process.Start(start) ?? throw new InvalidOperationException("apt-get did not start.");
        await apt.WaitForExitAsync(cancellationToken);
        return apt.ExitCode;
    }
}
