using Siamese.Testing;

namespace Siamese.Trainer.Tests;

/// <summary>
/// `evaluate --bfloat16` computes the backbone in bfloat16, as serving may (BFloat16InferenceTests in Siamese.Model.Tests
/// hold the shipped model's answers in bfloat16 to float32's; here, the command's wiring, on a tiny network).
/// </summary>
public class EvaluatePrecisionTests
{
    [Fact]
    public async Task Evaluate_computes_in_bfloat16_when_asked_and_refuses_to_record_those_scores()
    {
        using var temp = new TempDirectory();
        await CheckpointFixture.SaveTinyAsync(temp.Path);

        TrainerRun inBFloat16 = await TrainerRun.InvokeAsync("evaluate", "--checkpoint", temp.Path, "--runs", SampleImages.AllRuns,
            "--bfloat16");
        TrainerRun recorded = await TrainerRun.InvokeAsync("evaluate", "--checkpoint", temp.Path, "--runs", SampleImages.AllRuns,
            "--bfloat16", "--record");

        Assert.True(inBFloat16.ExitCode == 0, inBFloat16.Error);
        Assert.Contains(", computing in bfloat16", inBFloat16.Output);
        Assert.Matches(@"20-way one-shot accuracy: \d+\.\d+ %", inBFloat16.Output);
        Assert.Equal(1, recorded.ExitCode);   // a command-line error, as System.CommandLine reports one
        Assert.Contains("--record stores float32's scores", recorded.Error);
    }
}
