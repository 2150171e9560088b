using Siamese.DevStorage;
using Siamese.Model;
using Siamese.Storage.Promotion;
using Siamese.Testing;

namespace Siamese.Cli.Tests;

/// <summary>
/// --model on compare, identify, gallery add and models: checked before anything is read or sent, and sent to the API as
/// ?model= (nothing for default), whose refusal of an unknown name ends as its problem and exit code 2.
/// </summary>
public sealed class ModelOptionTests : IDisposable
{
    /// <summary>An Azurite connection string on the discard port, where nothing answers.</summary>
    private static readonly string Unanswered = new AzuriteEndpoints(9, 9, 9).ConnectionString;

    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Every_command_refuses_an_invalid_model_name_with_the_rule_before_it_reads_or_sends_anything()
    {
        await using RecordingApi api = await RecordingApi.StartAsync();
        string[][] commands =
        [
            ["compare", "missing.png", "missing.png"], ["identify", "missing.png", "--gallery", "g"],
            ["gallery", "add", "missing.png", "--gallery", "g", "--label", "l"], ["gallery", "list", "--gallery", "g"],
            ["gallery", "remove", "--gallery", "g"], ["verify", "missing.png", "--gallery", "g", "--label", "l"],
            ["similar", "missing.png", "--gallery", "g"], ["group", "missing.png", "missing.png"], ["models"], ["models", "show"],
            ["models", "promote", "some-run"], ["models", "rollback"],
        ];

        foreach (string[] command in commands)
        {
            // Storage that does not answer: a command that reached it before the check would say so instead.
            ToolRun refused = await SiameseTool.RunAsync([.. command, "--model", "Alice", "--functions", api.Url, "--storage", Unanswered]);

            Assert.Equal((CommandExit.InvalidInput, $"error: 'Alice' is not a model name: a name is {ModelName.Rule}.\n"),
                (refused.ExitCode, refused.Error));
        }
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Compare_and_the_gallery_commands_send_the_model_name_and_end_with_the_APIs_refusal_of_an_unknown_one()
    {
        await using RecordingApi api = await RecordingApi.StartAsync();
        string image = temp.Combine("drawing.png"), other = temp.Combine("other.png");
        await File.WriteAllBytesAsync(image, SampleImages.SomeCharacters(1)[0].Bytes);
        await File.WriteAllBytesAsync(other, SampleImages.SomeCharacters(2)[1].Bytes);

        ToolRun[] runs =
        [
            await SiameseTool.RunAsync("compare", image, image, "--model", "alice", "--threshold", "0.5", "--functions", api.Url),
            await SiameseTool.RunAsync("identify", image, "--gallery", "letters", "--top", "3", "--model", "alice", "--functions", api.Url),
            await SiameseTool.RunAsync("gallery", "add", image, "--gallery", "letters", "--label", "a b", "--model", "alice",
                "--functions", api.Url),
            await SiameseTool.RunAsync("gallery", "list", "--gallery", "letters", "--model", "alice", "--functions", api.Url),
            await SiameseTool.RunAsync("gallery", "remove", "--gallery", "letters", "--label", "a b", "--model", "alice",
                "--functions", api.Url),
            await SiameseTool.RunAsync("verify", image, "--gallery", "letters", "--label", "a b", "--model", "alice",
                "--functions", api.Url),
            await SiameseTool.RunAsync("similar", image, "--gallery", "letters", "--model", "alice", "--functions", api.Url),
            await SiameseTool.RunAsync("group", image, other, "--model", "alice", "--functions", api.Url),
            await SiameseTool.RunAsync("compare", image, image, "--functions", api.Url),
            await SiameseTool.RunAsync("identify", image, "--gallery", "letters", "--model", "default", "--functions", api.Url),
        ];

        Assert.Equal([
            "POST /api/compare?model=alice&threshold=0.5", "POST /api/galleries/letters/identify?model=alice&top=3",
            "POST /api/galleries/letters/identities/a%20b/images?model=alice", "GET /api/galleries/letters?model=alice",
            "DELETE /api/galleries/letters/identities/a%20b?model=alice",
            "POST /api/galleries/letters/identities/a%20b/verify?model=alice", "POST /api/galleries/letters/similar?model=alice",
            "POST /api/group?model=alice", "POST /api/compare", "POST /api/galleries/letters/identify",
        ], api.Requests);
        Assert.All(runs, run => Assert.Equal(
            (CommandExit.InvalidInput, "", $"error: models.unknown-model: {RecordingApi.Detail} (HTTP 404)\n"),
            (run.ExitCode, run.Output, run.Error)));
    }

    public void Dispose() => temp.Dispose();
}
