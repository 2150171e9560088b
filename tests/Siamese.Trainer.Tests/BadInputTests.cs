using System.Diagnostics;
using Siamese.Model.Checkpoints;
using Siamese.Testing;

namespace Siamese.Trainer.Tests;

/// <summary>Input the trainer cannot use ends with exit code 2 and one clear line on standard error.</summary>
public class BadInputTests
{
    [Fact]
    public async Task A_storage_command_without_a_storage_connection_says_which_setting_is_missing()
    {
        using var temp = new TempDirectory();
        TrainerRun run = await TrainerRun.InvokeAsync(["models", "export", "--run", "some-run", "--out", temp.Combine("out")],
            new Dictionary<string, string?> { ["Storage"] = null });

        run.AssertRefused("error: no storage connection: set Storage");
    }

    private static readonly string[] Tiny = ["--width", "0.0625", "--blocks", "1,1,1,1", "--epochs", "1"];

    [Fact]
    public async Task Training_on_a_missing_file_says_it_does_not_exist()
    {
        using var temp = new TempDirectory();
        await AssertFailsWith("does not exist", "train", "--data", temp.Combine("missing.zip"), "--out", temp.Combine("out"));
    }

    [Fact]
    public async Task Training_on_a_file_that_is_not_a_zip_says_so()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("notes.zip"), "plain text, not a zip");
        await AssertFailsWith("is not a readable zip file", "train", "--data", temp.Combine("notes.zip"), "--out", temp.Combine("out"));
    }

    [Fact]
    public async Task Training_on_a_zip_with_one_class_says_pairs_need_two()
    {
        using var temp = new TempDirectory();
        string zip = TestData.SmallOmniglotZip(temp, classes: 1, perClass: 5);
        await AssertFailsWith("only one class", "train", "--data", zip, "--out", temp.Combine("out"));
    }

    [Fact]
    public async Task Training_on_a_zip_with_a_corrupt_image_names_the_image()
    {
        using var temp = new TempDirectory();
        var images = SampleImages.SomeCharacters(4);
        byte[] truncated = images[3].Bytes[..(images[3].Bytes.Length / 2)];
        string zip = TestData.WriteZip(temp, "corrupt.zip",
            [("a/1.png", images[0].Bytes), ("a/2.png", images[1].Bytes), ("b/1.png", images[2].Bytes), ("b/broken.png", truncated)]);

        await AssertFailsWith("'b/broken.png' cannot be decoded",
            ["train", "--data", zip, "--out", temp.Combine("out"), "--validation-fraction", "0", .. Tiny]);
    }

    [Fact]
    public async Task Evaluating_a_checkpoint_of_another_configuration_says_which_configurations_differ()
    {
        using var temp = new TempDirectory();
        await CheckpointFixture.SaveTinyAsync(temp.Path);

        await AssertFailsWith("another configuration",
            "evaluate", "--checkpoint", temp.Path, "--runs", SampleImages.AllRuns, "--width", "0.5", "--blocks", "1,1,1,1");
    }

    [Fact]
    public async Task Evaluating_without_a_checkpoint_or_on_a_set_that_is_not_the_runs_archive_says_so()
    {
        using var temp = new TempDirectory();
        await CheckpointFixture.SaveTinyAsync(temp.Combine("run"));

        await AssertFailsWith("is not a checkpoint", "evaluate", "--checkpoint", temp.Combine("nothing"), "--runs", SampleImages.AllRuns);
        await AssertFailsWith("is not a one-shot runs archive",
            "evaluate", "--checkpoint", temp.Combine("run"), "--runs", SampleImages.Background1);
    }

    [Fact]
    public async Task Training_into_a_folder_that_holds_a_run_refuses_to_overwrite_it()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine(CheckpointFormat.LatestPointer), "{}");
        await AssertFailsWith("give a new --out folder", "train", "--data", SampleImages.Background1, "--out", temp.Path);
    }

    [Fact]
    public async Task Out_of_range_options_are_refused_before_any_work()
    {
        using var temp = new TempDirectory();
        await AssertFailsWith("invalid option", "train", "--data", SampleImages.Background1, "--out", temp.Combine("out"), "--epochs", "0");
    }

    [Theory]
    [InlineData("--recipe", "inbatch")]
    [InlineData("--objective", "InBatch")]   // without a recipe too
    public async Task A_setting_the_objective_ignores_is_refused_before_any_work(string option, string value)
    {
        using var temp = new TempDirectory();
        await AssertFailsWith("sets Jitter:FlipProbability=0, but its objective InBatch does not use Jitter:FlipProbability",
            "train", "--data", SampleImages.Background1, "--out", temp.Combine("out"), option, value, "--flip", "0");
    }

    [Fact]
    public void The_trainer_process_exits_with_code_2_and_one_error_line()
    {
        using var temp = new TempDirectory();
        ProcessStartInfo start = TrainerProcess.StartInfo("train", "--data", temp.Combine("missing.zip"), "--out", temp.Combine("out"));
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)));

        Assert.Equal(2, process.ExitCode);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("missing.zip", line);
    }

    private static async Task AssertFailsWith(string expected, params string[] args) =>
        (await TrainerRun.InvokeAsync(args)).AssertRefused(expected);
}
