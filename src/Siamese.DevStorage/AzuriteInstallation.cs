using System.Diagnostics;

namespace Siamese.DevStorage;

/// <summary>
/// Azurite as the repository pins it (package-lock.json), installed into node_modules/ with npm ci on first use, with the
/// other Node tools pinned there (playwright-core, which the page tests drive Chromium with).
/// Several processes may ask at once (test assemblies run side by side): one installs, the others wait for it.
/// </summary>
public static class AzuriteInstallation
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(5);

    /// <summary>The path of Azurite's entry script (for node), installing Azurite first when it is missing.</summary>
    public static string EnsureInstalled(string repositoryRoot)
    {
        string entry = EntryScript(repositoryRoot);
        if (IsInstalled(repositoryRoot)) return entry;

        using FileStream installLock = AcquireLock(Path.Combine(repositoryRoot, "node_modules.install.lock"));
        if (IsInstalled(repositoryRoot)) return entry;
        if (!File.Exists(Path.Combine(repositoryRoot, "package-lock.json")))
            throw new InvalidOperationException($"{repositoryRoot} has no package-lock.json to install Azurite from.");
        Console.WriteLine("Installing Azurite (npm ci, once)...");
        var install = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = repositoryRoot };
        using Process npm = Process.Start(install)
                            ?? throw new InvalidOperationException("npm did not start: install Node.js (20 or later).");
        npm.WaitForExit();
        if (npm.ExitCode != 0 || !IsInstalled(repositoryRoot))
            throw new InvalidOperationException($"'npm ci' in {repositoryRoot} failed (exit {npm.ExitCode}); Azurite is needed here.");
        return entry;
    }

    /// <summary>Every package of package-lock.json that something here runs: an older node_modules may lack the newer ones.</summary>
    private static bool IsInstalled(string repositoryRoot) =>
        File.Exists(EntryScript(repositoryRoot))
        && File.Exists(Path.Combine(repositoryRoot, "node_modules", "playwright-core", "package.json"));

    private static string EntryScript(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");

    private static FileStream AcquireLock(string path)
    {
        for (var waited = Stopwatch.StartNew(); ; Thread.Sleep(500))
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (waited.Elapsed < LockWait)
            {
                // another process installs; wait for it
            }
        }
    }
}
