using Siamese.Model.Training;
using static TorchSharp.torch;

namespace Siamese.Model.Tests;

/// <summary>
/// Training:Start=Served: a run's network takes a trained model's weights where the architecture allows (the shipped
/// model's here); the input size may differ and grey kernels serve colour inputs; any other difference leaves the network as
/// it was and says why.
/// </summary>
public class StartingWeightsTests
{
    [Fact]
    public void A_network_of_another_input_size_takes_every_weight_and_embeds_as_the_shipped_model_does()
    {
        var (shipped, _) = DefaultModel.Load();
        using (shipped)
        using (var target = new SiameseNetwork(shipped.Config with { ImageSize = 64 }))
        {
            string? startedFrom = StartingWeights.Start(target, shipped, "the shipped model", out string reason);

            Assert.True(startedFrom == "the shipped model", reason);
            target.eval();
            using Tensor images = rand(4, 1, 48, 48, generator: new Generator(1));
            using Tensor expected = shipped.Embed(images), actual = target.Embed(images);
            TensorAssert.Close(expected, actual, 1e-6);
        }
    }

    [Fact]
    public void A_colour_network_started_from_a_grey_one_sees_a_colour_image_as_the_grey_one_sees_its_grey_version()
    {
        var (shipped, _) = DefaultModel.Load();
        using (shipped)
        using (var target = new SiameseNetwork(shipped.Config with { InputChannels = 3 }))
        {
            Assert.NotNull(StartingWeights.Start(target, shipped, "the shipped model", out _));
            target.eval();
            using Tensor grey = rand(4, 1, 32, 32, generator: new Generator(2));
            using Tensor colour = grey.repeat(1, 3, 1, 1);
            using Tensor expected = shipped.Embed(grey), actual = target.Embed(colour);
            TensorAssert.Close(expected, actual, 1e-5);
        }
    }

    [Fact]
    public void Weights_of_another_width_do_not_fit_and_leave_the_network_as_it_was()
    {
        var (shipped, _) = DefaultModel.Load();
        using (shipped)
        using (var target = new SiameseNetwork(shipped.Config with { Width = 0.125 }))
        {
            using Tensor before = target.state_dict()["fc2.weight"].clone();

            string? startedFrom = StartingWeights.Start(target, shipped, "the shipped model", out string reason);

            Assert.Null(startedFrom);
            Assert.Contains("the shipped model does not fit the recipe's network: its widths are 16/32/64/128, the run's 8/16/32/64",
                reason);
            TensorAssert.Close(before, target.state_dict()["fc2.weight"], 0);
        }
    }
}
