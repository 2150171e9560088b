using System.Diagnostics;
using System.Text;

namespace Siamese.Development;

/// <summary>
/// A built app (its dll in its own output folder) run as a child process with the environment a deployment gives it;
/// its output is kept for assertion messages and it is killed at the end of the test.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(Process process) => this.process = process;

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public bool HasExited => process.HasExited;

    /// <param name="environment">Variables added to this process's own (null removes one).</param>
    public static AppProcess Start(string dll, IEnumerable<string> args, IEnumerable<KeyValuePair<string, string?>> environment)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll),
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var app = new AppProcess(new Process { StartInfo = start });
        app.process.OutputDataReceived += (_, line) => app.Append(line.Data);
        app.process.ErrorDataReceived += (_, line) => app.Append(line.Data);
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        return app;
    }

    /// <summary>The exit code, or a TimeoutException with the output when the app runs longer than <paramref name="bound"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The app did not exit within {bound}. Output:\n{Output}");
        }
        process.WaitForExit(); // the end of its output
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
