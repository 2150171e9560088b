namespace Siamese.Trainer.Tests;

public class InfoCommandTests
{
    [Fact]
    public async Task Info_prints_the_trainable_parameter_count_of_the_original_network()
    {
        TrainerRun run = await TrainerRun.InvokeAsync("info");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Trainable parameters: 11,697,675", run.Output);
        Assert.Contains("Rules: the original's: ECA kernels NaturalLog (2, 2, 3, 3), stride-2 padding KerasSame", run.Output);
        Assert.Contains("stage4   [1, 512, 4, 4]  ECA kernel 3", run.Output);
    }

    [Fact]
    public async Task Info_describes_a_tiny_configuration_from_its_options()
    {
        TrainerRun run = await TrainerRun.InvokeAsync("info", "--width", "0.125", "--blocks", "1,1,1,1", "--color", "Grayscale");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("grayscale 32x32, width 0.125 (channels 8/16/32/64, embedding 64), blocks 1,1,1,1", run.Output);
        Assert.DoesNotContain("11,697,675", run.Output);
    }
}
