using Siamese.Testing.Stack;

namespace Siamese.Cli.Tests;

/// <summary>What a run of the tool ended with and printed.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}\nstandard error:\n{Error}";
}

/// <summary>The siamese tool run in this process, on the pipeline fixture's Azurite and local functions host or as told.</summary>
public static class SiameseTool
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    public static Task<ToolRun> RunAsync(StackFixture pipeline, params string[] args) =>
        RunAsync([.. args, "--storage", pipeline.Azurite.ConnectionString, "--functions", pipeline.Http.BaseAddress!.ToString()]);

    /// <summary>The tool with these arguments alone: where it connects is theirs to say.</summary>
    public static async Task<ToolRun> RunAsync(params string[] args)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await CliCommandLine.InvokeAsync(args, output, error, timeout.Token);
        return new ToolRun(exitCode, output.ToString(), error.ToString());
    }
}
