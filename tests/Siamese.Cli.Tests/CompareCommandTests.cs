using Siamese.Testing;
using Siamese.Testing.Pipeline;

namespace Siamese.Cli.Tests;

/// <summary>`compare`, `gallery add` and `identify` against the local functions host, with real Omniglot drawings.</summary>
[Collection(PipelineCollection.Name)]
public sealed class CompareCommandTests(PipelineFixture pipeline) : IDisposable
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

        Assert.Equal((CliCommandLine.InvalidInput, ""), (missing.ExitCode, missing.Output));
        Assert.Contains("missing.png' does not exist", missing.Error);
        Assert.Equal(CliCommandLine.InvalidInput, notAnImage.ExitCode);
        Assert.Matches(@"^error: image\.unknown-format: .+ \(HTTP 400\)\n$", notAnImage.Error);
        Assert.Equal(CliCommandLine.InvalidInput, badThreshold.ExitCode);
        Assert.StartsWith("error: threshold.invalid: threshold must be a number between 0 and 1", badThreshold.Error);
        Assert.Equal(CliCommandLine.InvalidInput, noHostExit);
        Assert.Contains("the functions app at http://127.0.0.1:9/ does not answer", noHost.ToString());
    }

    [Fact]
    public async Task Gallery_add_enrols_labelled_drawings_and_identify_ranks_the_gallery_by_similarity()
    {
        await pipeline.ServeDefaultModelAsync();
        var (alpha, beta) = Drawings();
        string gallery = $"cli-{Guid.NewGuid():N}"[..20];

        ToolRun first = await SiameseTool.RunAsync(pipeline, "gallery", "add", alpha, "--gallery", gallery, "--label", "alpha");
        ToolRun second = await SiameseTool.RunAsync(pipeline, "gallery", "add", beta, "--gallery", gallery, "--label", "beta");
        ToolRun identified = await SiameseTool.RunAsync(pipeline, "identify", alpha, "--gallery", gallery, "--top", "2");
        ToolRun unknown = await SiameseTool.RunAsync(pipeline, "identify", alpha, "--gallery", "no-such-gallery");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal($"enrolled alpha in gallery {gallery} (1 item; embedded by the default model)\n", first.Output);
        Assert.Contains($"in gallery {gallery} (2 items;", second.Output);
        Assert.True(identified.ExitCode == 0, identified.ToString());
        // The drawing itself is the best match of its own gallery.
        Assert.Matches($@"^gallery {gallery}, 2 best \(answered by the default model\):\n  1\. alpha  [01]\.\d{{4}}\n" +
                       @"  2\. beta   [01]\.\d{4}\n$", identified.Output);
        Assert.Equal(CliCommandLine.InvalidInput, unknown.ExitCode);
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
        Assert.Equal(CliCommandLine.InvalidInput, unknown.ExitCode);
        Assert.StartsWith("error: models.unknown-model: ", unknown.Error);
        Assert.Equal($"enrolled a in gallery {gallery} (1 item; embedded by run {run} epoch 1 for model {model})\n", enrolled.Output);
        Assert.StartsWith($"gallery {gallery}, 1 best (answered by run {run} epoch 1 for model {model}):\n", identified.Output);
        Assert.Equal(CliCommandLine.InvalidInput, otherModel.ExitCode);
        Assert.StartsWith("error: gallery.other-model: ", otherModel.Error);
    }

    public void Dispose() => temp.Dispose();

    /// <summary>Two drawings of different characters, as files.</summary>
    private (string First, string Second) Drawings()
    {
        var drawings = TestData.SomeCharacters(40);
        (string Name, byte[] Bytes) other = drawings.First(d => Path.GetDirectoryName(d.Name) != Path.GetDirectoryName(drawings[0].Name));
        string first = temp.Combine("first.png"), second = temp.Combine("second.png");
        File.WriteAllBytes(first, drawings[0].Bytes);
        File.WriteAllBytes(second, other.Bytes);
        return (first, second);
    }
}
