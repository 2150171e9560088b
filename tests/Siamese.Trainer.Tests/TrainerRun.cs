using Siamese.Trainer.Commands;

namespace Siamese.Trainer.Tests;

/// <summary>Runs the trainer's command line in-process and captures what it writes.</summary>
internal sealed record TrainerRun(int ExitCode, string Output, string Error)
{
    public static Task<TrainerRun> InvokeAsync(params string[] args) => InvokeAsync(args, settings: null);

    public static async Task<TrainerRun> InvokeAsync(string[] args, IReadOnlyDictionary<string, string?>? settings,
        CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await TrainerCommandLine.InvokeAsync(args, output, error, cancellationToken, settings);
        return new TrainerRun(exitCode, output.ToString(), error.ToString());
    }

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Input the trainer cannot use: exit code 2 and one line on standard error, "error: ...", that says <paramref name="expected"/>.
    /// </summary>
    public void AssertRefused(string expected)
    {
        Assert.Equal(2, ExitCode);
        string line = Assert.Single(ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
    }
}
