using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Cli.Printing;
using Siamese.Model;
using Siamese.Storage.Promotion;
using Siamese.Testing;
using Siamese.Testing.Stack;

namespace Siamese.Cli.Tests;

/// <summary>
/// `models`, `models promote` and `models rollback`, for `default` and for names of their own, on the fixture's storage, seen by
/// the local functions host.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ModelsCommandTests(StackFixture pipeline) : IDisposable
{
    private const string References = "  references: Lake's 20-way one-shot runs (all_runs.zip), the default model's benchmark\n";

    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Promote_serves_a_runs_checkpoint_models_shows_it_and_the_one_before_and_rollback_returns_to_that()
    {
        await pipeline.ServeDefaultModelAsync();
        string run = $"cli-models-{Guid.NewGuid():N}"[..24];
        await pipeline.SaveModelAsync(run, threshold: null);

        ToolRun promoted = await SiameseTool.RunAsync(pipeline, "models", "promote", run, "--reason", "tried by a test");
        ToolRun shown = await SiameseTool.RunAsync(pipeline, "models", "--model", "default");
        string answeredBy = await AnsweredByAsync($"answered by run {run} epoch 1");
        ToolRun rolledBack = await SiameseTool.RunAsync(pipeline, "models", "rollback", "--reason", "undone by a test");
        ToolRun after = await SiameseTool.RunAsync(pipeline, "models", "show", "--model", "default");

        Assert.True(promoted.ExitCode == 0, promoted.ToString());
        Assert.StartsWith($"now answering: {run} epoch 1 ({run}/epoch-0001): tried by a test\n" +
                          "the compare API answers with it within Serving:ReloadIntervalSeconds", promoted.Output);
        Assert.Matches($@"^now answering: {run} epoch 1 \({run}/epoch-0001\): tried by a test\n" +
                       @"  since \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\n" + Regex.Escape(References) +
                       @"served before \(newest first\):\n" +
                       @"  \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ  the default model shipped with the app: served by a test\n", shown.Output);
        Assert.Equal($"answered by run {run} epoch 1", answeredBy); // the serving host follows a promotion through storage
        Assert.True(rolledBack.ExitCode == 0, rolledBack.ToString());
        Assert.StartsWith($"now answering: the default model shipped with the app: rolled back from {run}/epoch-0001: undone by a test\n",
            rolledBack.Output);
        // Back to the pointer served before, with that pointer's own history (none here).
        Assert.Matches($@"^now answering: the default model shipped with the app: rolled back from {run}/epoch-0001: undone by a test\n" +
                       @"  since .+\n  references: .+\nserved before: nothing\n$", after.Output);
    }

    [Fact]
    public async Task Promote_refuses_a_run_without_a_checkpoint_with_exit_code_2()
    {
        ToolRun refused = await SiameseTool.RunAsync(pipeline, "models", "promote", "0000000000000000-00000000");

        Assert.Equal(CommandExit.InvalidInput, refused.ExitCode);
        Assert.StartsWith("error: Run 0000000000000000-00000000 has no complete checkpoint to promote", refused.Error);
    }

    [Fact]
    public async Task Models_lists_every_name_default_first_and_promote_under_a_name_leaves_default_as_it_was()
    {
        await pipeline.ServeDefaultModelAsync();
        string model = NewName(), run = $"{model}-run";
        await pipeline.SaveModelAsync(run, threshold: null);

        ToolRun promoted = await SiameseTool.RunAsync(pipeline, "models", "promote", run, "--model", model, "--reason", "for one user");
        ToolRun listed = await SiameseTool.RunAsync(pipeline, "models");
        ToolRun shown = await SiameseTool.RunAsync(pipeline, "models", "show", "--model", model);
        ServedModelPointer? byDefault = await Served.ReadAsync(ModelName.Default, CancellationToken.None);

        Assert.True(promoted.ExitCode == 0, promoted.ToString());
        Assert.StartsWith($"now answering for model {model}: {run} epoch 1 ({run}/epoch-0001): for one user\n", promoted.Output);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.StartsWith("default: the default model shipped with the app: served by a test\n  since ", listed.Output);
        Assert.Contains($"Z\n{References}", listed.Output);
        Assert.Matches($@"\n{model}: {run} epoch 1 \({run}/epoch-0001\): for one user\n  since [^\n]+Z\n  references: none yet\n",
            listed.Output);
        Assert.Matches($@"^now answering for model {model}: {run} epoch 1 \({run}/epoch-0001\): for one user\n  since [^\n]+\n" +
                       @"  references: none yet\nserved before: nothing\n$", shown.Output);
        Assert.Equal((ServedModelPointer.DefaultModel, "served by a test"), (byDefault?.Checkpoint, byDefault?.Reason));
    }

    [Fact]
    public async Task Rollback_under_a_name_serves_that_names_earlier_model_and_leaves_default_as_it_was()
    {
        await pipeline.ServeDefaultModelAsync();
        string model = NewName(), first = $"{model}-first", second = $"{model}-second", unknown = NewName();
        await pipeline.SaveModelAsync(first, threshold: null);
        await pipeline.SaveModelAsync(second, threshold: null);

        await SiameseTool.RunAsync(pipeline, "models", "promote", first, "--model", model);
        await SiameseTool.RunAsync(pipeline, "models", "promote", second, "--model", model);
        ToolRun rolledBack = await SiameseTool.RunAsync(pipeline, "models", "rollback", "--model", model, "--reason", "undone");
        ToolRun again = await SiameseTool.RunAsync(pipeline, "models", "rollback", "--model", model);
        ToolRun notServed = await SiameseTool.RunAsync(pipeline, "models", "rollback", "--model", unknown);
        ToolRun notShown = await SiameseTool.RunAsync(pipeline, "models", "--model", unknown);
        ServedModelPointer? byDefault = await Served.ReadAsync(ModelName.Default, CancellationToken.None);

        Assert.True(rolledBack.ExitCode == 0, rolledBack.ToString());
        Assert.Equal($"now answering for model {model}: {first} epoch 1 ({first}/epoch-0001): rolled back from {second}/epoch-0001: " +
                     $"undone\n{ModelNames.ReloadNotice}\n", rolledBack.Output);
        Assert.Equal((CommandExit.InvalidInput,
                $"error: '{model}' serves its first model ({first}/epoch-0001): there is nothing to roll back to.\n"),
            (again.ExitCode, again.Error));
        Assert.Equal(CommandExit.InvalidInput, notServed.ExitCode);
        Assert.StartsWith($"error: No model is served under '{unknown}'; known: default, ", notServed.Error);
        Assert.Contains(model, notServed.Error);
        Assert.EndsWith($"Upload data for it with `siamese upload <zip> --model {unknown}`.\n", notServed.Error);
        Assert.Equal((CommandExit.InvalidInput, notServed.Error), (notShown.ExitCode, notShown.Error));
        Assert.Equal((ServedModelPointer.DefaultModel, "served by a test"), (byDefault?.Checkpoint, byDefault?.Reason));
    }

    public void Dispose() => temp.Dispose();

    private ServedModels Served => pipeline.Services.GetRequiredService<ServedModels>();

    /// <summary>A model name no other test uses.</summary>
    private static string NewName() => $"cli-{Guid.NewGuid():N}"[..16];

    /// <summary>Compares until the answer names <paramref name="expected"/> (the host reloads every second here) or 15 s pass.</summary>
    private async Task<string> AnsweredByAsync(string expected)
    {
        string path = temp.Combine("drawing.png");
        await File.WriteAllBytesAsync(path, SampleImages.SomeCharacters(1)[0].Bytes);
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
