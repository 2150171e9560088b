using System.Text.RegularExpressions;
using Siamese.Model;
using Siamese.Testing;
using Siamese.Testing.Stack;

namespace Siamese.Cli.Tests;

/// <summary>`compare` and the gallery commands against the local functions host, with real Omniglot drawings.</summary>
[Collection(PipelineCollection.Name)]
public sealed class CompareCommandTests(StackFixture pipeline) : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Compare_prints_the_similarity_the_decision_the_threshold_and_the_model_that_answered()
    {
        await pipeline.ServeDefaultModelAsync();
        var (first, second) = Drawings();

        ToolRun compared = await SiameseTool.RunAsync(pipeline, "compare", first, second);
        ToolRun yours = await SiameseTool.RunAsync(pipeline, "compare", first, first, "--threshold", "0.0001");

        Assert.True(compared.ExitCode == 0, compared.ToString());
        Assert.Matches(@"^similarity [01]\.\d{4}: (same|different) \(threshold 0\.\d{4}, the model's: .+\)\n" +
                       "answered by the default model\n$", compared.Output);
        Assert.True(yours.ExitCode == 0, yours.ToString());
        Assert.Matches(@"^similarity [01]\.\d{4}: same \(threshold 0\.0001, yours\)\n", yours.Output);
    }

    [Fact]
    public async Task Compare_refuses_a_missing_file_and_prints_the_code_and_detail_of_what_the_API_refuses()
    {
        var (drawing, _) = Drawings();
        string text = temp.Combine("notes.png");
        await File.WriteAllTextAsync(text, "not an image");

        ToolRun missing = await SiameseTool.RunAsync(pipeline, "compare", drawing, temp.Combine("missing.png"));
        ToolRun notAnImage = await SiameseTool.RunAsync(pipeline, "compare", drawing, text);
        ToolRun badThreshold = await SiameseTool.RunAsync(pipeline, "compare", drawing, drawing, "--threshold", "1.5");
        var noHost = new StringWriter();
        int noHostExit = await CliCommandLine.InvokeAsync(["compare", drawing, drawing, "--functions", "http://127.0.0.1:9"],
            new StringWriter(), noHost);

        Assert.Equal((CommandExit.InvalidInput, ""), (missing.ExitCode, missing.Output));
        Assert.Contains("missing.png' does not exist", missing.Error);
        Assert.Equal(CommandExit.InvalidInput, notAnImage.ExitCode);
        Assert.Matches(@"^error: image\.unknown-format: .+ \(HTTP 400\)\n$", notAnImage.Error);
        Assert.Equal(CommandExit.InvalidInput, badThreshold.ExitCode);
        Assert.StartsWith("error: threshold.invalid: threshold must be a number between 0 and 1", badThreshold.Error);
        Assert.Equal(CommandExit.InvalidInput, noHostExit);
        Assert.Contains("the functions app at http://127.0.0.1:9/ does not answer", noHost.ToString());
    }

    [Fact]
    public async Task The_gallery_commands_enrol_list_verify_identify_find_group_and_remove()
    {
        await pipeline.ServeDefaultModelAsync();
        var (alpha, beta) = Drawings();
        string gallery = $"cli-{Guid.NewGuid():N}"[..20];

        ToolRun first = await SiameseTool.RunAsync(pipeline, "gallery", "add", alpha, "--gallery", gallery, "--label", "alpha",
            "--data", "first customer");
        ToolRun second = await SiameseTool.RunAsync(pipeline, "gallery", "add", beta, alpha, "--gallery", gallery, "--label", "beta");
        ToolRun listed = await SiameseTool.RunAsync(pipeline, "gallery", "list", "--gallery", gallery);
        ToolRun identity = await SiameseTool.RunAsync(pipeline, "gallery", "list", "--gallery", gallery, "--label", "alpha");
        ToolRun verified = await SiameseTool.RunAsync(pipeline, "verify", alpha, "--gallery", gallery, "--label", "alpha");
        ToolRun identified = await SiameseTool.RunAsync(pipeline, "identify", alpha, "--gallery", gallery, "--top", "2",
            "--threshold", "0.000001");
        ToolRun similar = await SiameseTool.RunAsync(pipeline, "similar", beta, "--gallery", gallery, "--top", "1");
        ToolRun grouped = await SiameseTool.RunAsync(pipeline, "group", alpha, beta, "--threshold", "0.999999");
        ToolRun removed = await SiameseTool.RunAsync(pipeline, "gallery", "remove", "--gallery", gallery, "--label", "beta");
        ToolRun afterRemoval = await SiameseTool.RunAsync(pipeline, "gallery", "list", "--gallery", gallery);
        ToolRun unknown = await SiameseTool.RunAsync(pipeline, "identify", alpha, "--gallery", "no-such-gallery");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Matches(
            $@"^added {Regex.Escape(alpha)} to alpha in gallery {gallery} as image [0-9a-f]{{32}} \(embedded by the default model\)\n$",
            first.Output);
        Assert.Equal(2, second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal($"gallery {gallery} (model default): 2 identities, 3 images\n  alpha  1 image\n  beta  2 images\n", listed.Output);
        Assert.StartsWith("alpha: 1 image, user data first customer\n  ", identity.Output);
        Assert.True(verified.ExitCode == 0, verified.ToString());
        // The drawing itself against an identity of that very drawing: the same, by any rule.
        Assert.Matches(
            @"^alpha: similarity [01]\.\d{4} over 1 image, the same \(threshold 0\.\d{4}; .+\)\nanswered by the default model\n$",
            verified.Output);
        Assert.Matches($@"^gallery {gallery}, 2 at or above 0\.0000 \(answered by the default model\):\n  1\. alpha  [01]\.\d{{4}}\n" +
                       @"  2\. beta   [01]\.\d{4}\n$", identified.Output);
        Assert.Matches($@"^gallery {gallery}, 1 most similar \(answered by the default model\):\n  [01]\.\d{{4}}  beta  [0-9a-f]{{32}}\n$",
            similar.Output);
        Assert.Equal("0 groups at threshold 1.0000 (answered by the default model):\n  apart: first.png second.png\n", grouped.Output);
        Assert.Equal($"removed beta from gallery {gallery}\n", removed.Output);
        Assert.Contains("1 identity, 1 image", afterRemoval.Output);
        Assert.Equal(CommandExit.InvalidInput, unknown.ExitCode);
        Assert.StartsWith("error: gallery.not-found: ", unknown.Error);
    }

    [Fact]
    public async Task Compare_gallery_add_and_identify_with_a_model_name_are_answered_by_that_names_model_only()
    {
        await pipeline.ServeDefaultModelAsync();
        string model = $"cli-{Guid.NewGuid():N}"[..16], run = $"{model}-run", gallery = $"{model}-gallery";
        await pipeline.SaveModelAsync(run, threshold: null);
        Assert.Equal(0, (await SiameseTool.RunAsync(pipeline, "models", "promote", run, "--model", model)).ExitCode);
        var (first, second) = Drawings();

        ToolRun named = await SiameseTool.RunAsync(pipeline, "compare", first, second, "--model", model);
        ToolRun byDefault = await SiameseTool.RunAsync(pipeline, "compare", first, second);
        ToolRun unknown = await SiameseTool.RunAsync(pipeline, "compare", first, second, "--model", "nobody-here");
        ToolRun enrolled = await SiameseTool.RunAsync(pipeline, "gallery", "add", first, "--gallery", gallery, "--label", "a",
            "--model", model);
        ToolRun identified = await SiameseTool.RunAsync(pipeline, "identify", first, "--gallery", gallery, "--model", model);
        ToolRun otherModel = await SiameseTool.RunAsync(pipeline, "identify", first, "--gallery", gallery);

        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.EndsWith($"\nanswered by run {run} epoch 1 for model {model}\n", named.Output);
        Assert.EndsWith("\nanswered by the default model\n", byDefault.Output);
        Assert.Equal(CommandExit.InvalidInput, unknown.ExitCode);
        Assert.StartsWith("error: models.unknown-model: ", unknown.Error);
        Assert.Matches($@" to a in gallery {gallery} as image [0-9a-f]{{32}} \(embedded by run {run} epoch 1 for model {model}\)\n$",
            enrolled.Output);
        Assert.Matches($@"^gallery {gallery}, [01] at or above 0\.\d{{4}} \(answered by run {run} epoch 1 for model {model}\):\n",
            identified.Output);
        Assert.Equal(CommandExit.InvalidInput, otherModel.ExitCode);
        Assert.StartsWith("error: gallery.other-model: ", otherModel.Error);
    }

    public void Dispose() => temp.Dispose();

    /// <summary>Two drawings of different characters, as files.</summary>
    private (string First, string Second) Drawings()
    {
        var drawings = SampleImages.SomeCharacters(40);
        (string Name, byte[] Bytes) other = drawings.First(d => Path.GetDirectoryName(d.Name) != Path.GetDirectoryName(drawings[0].Name));
        string first = temp.Combine("first.png"), second = temp.Combine("second.png");
        File.WriteAllBytes(first, drawings[0].Bytes);
        File.WriteAllBytes(second, other.Bytes);
        return (first, second);
    }
}
