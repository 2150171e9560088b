using System.Text.RegularExpressions;
using Siamese.Model;
using Siamese.Storage.Datasets;
using Siamese.Testing;
using Siamese.Testing.Stack;

namespace Siamese.Cli.Tests;

/// <summary>`siamese upload` without --follow: what it puts into raw/, and what it refuses.</summary>
[Collection(PipelineCollection.Name)]
public sealed class UploadCommandTests(StackFixture pipeline) : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Upload_puts_a_zip_into_raw_with_its_recipe_choice_and_never_replaces_one()
    {
        string zip = temp.Combine("one-class.zip");
        // One class fails preparation: no training request to race other tests.
        await File.WriteAllBytesAsync(zip, TestZips.Characters(1, 5, "upload-command"));
        string name = $"upload-{Guid.NewGuid():N}.zip";

        ToolRun upload = await SiameseTool.RunAsync(pipeline, "upload", zip, "--name", name, "--recipe", "original",
            "--set", "training:epochs=2");
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the local host's polling tells uploads apart by the second

        Assert.True(upload.ExitCode == 0, upload.ToString());
        // The status it says to follow is the one the pipeline writes for this upload.
        Match follow = Regex.Match(upload.Output, @"follow datasets/(?<id>[0-9a-f]{16})/status\.json");
        Assert.True(follow.Success, upload.Output);
        DatasetStatus status = await pipeline.WaitForFinalStatusAsync(follow.Groups["id"].Value, TimeSpan.FromSeconds(60));
        Assert.Equal((DatasetState.Failed, $"raw/{name}"), (status.State, status.Source));
        var metadata = (await pipeline.Raw.GetBlobClient(name).GetPropertiesAsync()).Value.Metadata;
        Assert.Equal(("original", "2"), (metadata["recipe"], metadata["Training__Epochs"]));

        ToolRun again = await SiameseTool.RunAsync(pipeline, "upload", zip, "--name", name);
        Assert.True(again.ExitCode == CommandExit.InvalidInput && again.Error.Contains("exists already"), again.ToString());
        ToolRun typo = await SiameseTool.RunAsync(pipeline, "upload", zip, "--name", "typo-" + name, "--set", "Training:Epoch=2");
        Assert.True(typo.ExitCode == CommandExit.InvalidInput && typo.Error.Contains("'Training:Epoch' is not a recipe setting"),
            typo.ToString());
        Assert.False(await pipeline.Raw.GetBlobClient("typo-" + name).ExistsAsync());
    }

    public void Dispose() => temp.Dispose();
}
