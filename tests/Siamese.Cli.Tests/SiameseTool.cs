using Siamese.Testing.Pipeline;

namespace Siamese.Cli.Tests;

/// <summary>What a run of the tool ended with and printed.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}\nstandard error:\n{Error}";
}

/// <summary>The siamese tool run in this process on the pipeline fixture's Azurite and local functions host.</summary>
public static class SiameseTool
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    public static async Task<ToolRun> RunAsync(PipelineFixture pipeline, params string[] args)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await CliCommandLine.InvokeAsync(
            [.. args, "--storage", pipeline.Azurite.ConnectionString, "--functions", pipeline.Http.BaseAddress!.ToString()],
            output, error, timeout.Token);
        return new ToolRun(exitCode, output.ToString(), error.ToString());
    }
}
