using System.Text.RegularExpressions;
using Siamese.Model;
using Siamese.Testing;
using Siamese.Testing.Stack;

namespace Siamese.Cli.Tests;

/// <summary>
/// `siamese upload --follow` against a real Azurite, the local functions host and the trainer job as a process: from the
/// upload to the model that answers, and a failing upload's exit code.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class UploadFollowTests(StackFixture pipeline) : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Upload_follow_shows_the_dataset_the_epochs_and_the_decision_and_ends_naming_the_model_that_answers()
    {
        string zip = Path.Combine(temp.Path, "follow.zip");
        await File.WriteAllBytesAsync(zip, TestZips.Characters(16, 6, "cli-follow"));
        // The original recipe holds out nothing; a tenth held out here gives each epoch a validation score to show.
        string[] recipe = [.. TestRecipes.Original(epochs: 2).Where(s => s.Key != "recipe")
            .SelectMany(s => new[] { "--set", $"{s.Key}={s.Value}" })];
        string[] validated = [.. recipe, "--set", "Training:ValidationFraction=0.1"];
        await using AppProcess trainer = AppProcess.Start(BuiltApps.TrainerDll, ["watch", "--max-requests", "1"],
            [new("Storage", pipeline.Azurite.ConnectionString), new("Training__Device", "cpu")]);

        var (exitCode, output, error) =
            await SiameseTool.RunAsync(pipeline, ["upload", zip, "--recipe", "original", .. validated, "--follow"]);

        Assert.True(exitCode == 0, $"{error}\n{output}\ntrainer:\n{trainer.Output}");
        string id = StackFixture.DatasetIdOf(File.ReadAllBytes(zip));
        Assert.True(output.Contains($"dataset {id}: Ready", StringComparison.Ordinal), output);
        Assert.Contains("(16 classes, 96 images)", output);
        Assert.Matches(@"training run \S+ \(original", output);
        // Each epoch with the run's length and what is left of it, from the mean epoch so far.
        Assert.Matches(@"(?m)^  epoch 1 of 2: loss \d\.\d{4}, validation \d+\.\d\d % \(2-way\), \d\d:\d\d into the run, " +
                       "(about [1-9][0-9]* min left|under a minute left)$", output);
        Assert.Matches(@"(?m)^  epoch 2 of 2: .*, the last epoch$", output);
        Assert.Matches("(?m)^(not )?promoted: ", output);
        Assert.Matches("(?m)^now answering: ", output.Split('\n')[^2]); // the last line says who answers, and why

        // The run's status by its id, and the dataset in the list of all.
        string runId = Regex.Match(output, @"training run (\S+) ").Groups[1].Value;
        string decision = output.Split('\n').Single(line => Regex.IsMatch(line, "^(not )?promoted: "));
        var (runExit, runStatus, runError) = await SiameseTool.RunAsync(pipeline, "status", runId);
        Assert.True(runExit == 0, runError);
        Assert.Contains($"training run {runId} (original", runStatus);
        Assert.Contains(decision, runStatus);
        var (listExit, list, listError) = await SiameseTool.RunAsync(pipeline, "status");
        Assert.True(listExit == 0, listError);
        Assert.Matches($@"(?m)^{id}  Ready  raw/follow\.zip  \d{{4}}-\d\d-\d\d \d\d:\d\dZ; run {runId}: (not )?promoted: ", list);

        // The same zip for a model name of its own: the follow waits for that name's run, not the decided default one.
        string model = $"follow-{Guid.NewGuid():N}"[..16];
        await using AppProcess namedTrainer = AppProcess.Start(BuiltApps.TrainerDll, ["watch", "--max-requests", "1"],
            [new("Storage", pipeline.Azurite.ConnectionString), new("Training__Device", "cpu")]);
        var (namedExit, named, namedError) = await SiameseTool.RunAsync(pipeline,
            ["upload", zip, "--name", $"{model}.zip", "--model", model, "--recipe", "original", .. recipe, "--follow"]);
        Assert.True(namedExit == 0, $"{namedError}\n{named}\ntrainer:\n{namedTrainer.Output}");
        string namedRun = Regex.Match(named, $@"(?m)training run (\S+) \(original[^)]*\) for model {model}$").Groups[1].Value;
        Assert.NotEqual(runId, namedRun);
        // The original holds out nothing: its first model meets the shipped model on Lake's runs, loses, and nothing is served
        // under the new name.
        Assert.Matches(@"(?m)^not promoted: .* \(the shipped model\) on the same 400 20-way trials of Lake's 20-way one-shot runs ", named);
        Assert.Contains($"`siamese models promote {namedRun} --model {model}`", named);
        Assert.Equal($"nothing answers for model {model} yet: no model has won promotion under that name",
            named.Split('\n')[^2].TrimEnd('\r'));
    }

    [Fact]
    public async Task A_failing_upload_ends_the_follow_with_exit_code_1_and_the_failures_code()
    {
        string zip = Path.Combine(temp.Path, "not-a-zip.zip");
        await File.WriteAllTextAsync(zip, "this is not a zip " + Guid.NewGuid());

        var (exitCode, output, error) = await SiameseTool.RunAsync(pipeline, "upload", zip, "--follow");

        Assert.True(exitCode == CommandExit.Failed, $"{exitCode}: {error}\n{output}");
        Assert.Matches(@"(?m)^failed: [a-z\-]+\.[a-z\-]+: ", output);
    }

    [Fact]
    public async Task Status_of_an_unknown_dataset_is_refused_clearly()
    {
        var (exitCode, _, error) = await SiameseTool.RunAsync(pipeline, "status", "0123456789abcdef");

        Assert.Equal(CommandExit.InvalidInput, exitCode);
        Assert.Contains("There is no dataset 0123456789abcdef", error);
    }

    public void Dispose() => temp.Dispose();
}
