using System.Diagnostics;
using Siamese.Testing;
using Siamese.Testing.Pipeline;

namespace Siamese.Cli.Tests;

/// <summary>`models`, `models promote` and `models rollback` on the fixture's storage, seen by the local functions host.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ModelsCommandTests(PipelineFixture pipeline) : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Promote_serves_a_runs_checkpoint_models_shows_it_and_the_one_before_and_rollback_returns_to_that()
    {
        await pipeline.ServeDefaultModelAsync();
        string run = $"cli-models-{Guid.NewGuid():N}"[..24];
        await pipeline.SaveModelAsync(run, threshold: null);

        ToolRun promoted = await SiameseTool.RunAsync(pipeline, "models", "promote", run, "--reason", "tried by a test");
        ToolRun shown = await SiameseTool.RunAsync(pipeline, "models");
        string answeredBy = await AnsweredByAsync($"answered by run {run} epoch 1");
        ToolRun rolledBack = await SiameseTool.RunAsync(pipeline, "models", "rollback", "--reason", "undone by a test");
        ToolRun after = await SiameseTool.RunAsync(pipeline, "models", "show");

        Assert.True(promoted.ExitCode == 0, promoted.ToString());
        Assert.StartsWith($"now answering: {run} epoch 1 ({run}/epoch-0001): tried by a test\n" +
                          "the compare API answers with it within Serving:ReloadIntervalSeconds", promoted.Output);
        Assert.Matches($@"^now answering: {run} epoch 1 \({run}/epoch-0001\): tried by a test\n" +
                       @"  since \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\nserved before \(newest first\):\n" +
                       @"  \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ  the default model shipped with the app: served by a test\n", shown.Output);
        Assert.Equal($"answered by run {run} epoch 1", answeredBy); // the serving host follows a promotion through storage
        Assert.True(rolledBack.ExitCode == 0, rolledBack.ToString());
        Assert.StartsWith($"now answering: the default model shipped with the app: rolled back from {run}/epoch-0001: undone by a test\n",
            rolledBack.Output);
        // Back to the pointer served before, with that pointer's own history (none here).
        Assert.Matches($@"^now answering: the default model shipped with the app: rolled back from {run}/epoch-0001: undone by a test\n" +
                       @"  since .+\nserved before: nothing\n$", after.Output);
    }

    [Fact]
    public async Task Promote_refuses_a_run_without_a_checkpoint_with_exit_code_2()
    {
        ToolRun refused = await SiameseTool.RunAsync(pipeline, "models", "promote", "0000000000000000-00000000");

        Assert.Equal(CliCommandLine.InvalidInput, refused.ExitCode);
        Assert.StartsWith("error: Run 0000000000000000-00000000 has no complete checkpoint to promote", refused.Error);
    }

    public void Dispose() => temp.Dispose();

    /// <summary>Compares until the answer names <paramref name="expected"/> (the host reloads every second here) or 15 s pass.</summary>
    private async Task<string> AnsweredByAsync(string expected)
    {
        string path = temp.Combine("drawing.png");
        await File.WriteAllBytesAsync(path, TestData.SomeCharacters(1)[0].Bytes);
        var clock = Stopwatch.StartNew();
        string line;
        do
        {
            ToolRun compared = await SiameseTool.RunAsync(pipeline, "compare", path, path);
            Assert.True(compared.ExitCode == 0, compared.ToString());
            line = compared.Output.Split('\n')[1];
            if (line == expected) return line;
            await Task.Delay(250);
        } while (clock.Elapsed < TimeSpan.FromSeconds(15));
        return line;
    }
}
