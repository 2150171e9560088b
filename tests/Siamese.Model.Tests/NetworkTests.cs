using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Siamese.Model.Tests;

public class NetworkTests
{
    private static readonly ModelConfig Tiny = new() { Width = 0.125, BlocksPerStage = [1, 1, 1, 1] };

    [Fact]
    public void The_original_network_has_the_trainable_parameter_count_of_the_TensorFlow_original()
    {
        using var network = new SiameseNetwork(new ModelOptions().ToConfig());
        ModelSummary summary = ModelSummary.Of(network);

        Assert.Equal(11_697_675, summary.TrainableParameters);
        Assert.Equal(11_705_483, summary.TensorFlowTotal);
        Assert.Equal([2, 2, 3, 3], summary.EcaKernelSizes);
    }

    [Fact]
    public void A_configuration_in_code_is_the_options_defaults_the_original_network()
    {
        Assert.Equal(new ModelOptions().ToConfig(), new ModelConfig());
        Assert.True(new ModelConfig().HasOriginalRules);
    }

    [Fact]
    public void A_stored_configuration_without_recorded_rules_reads_as_the_network_of_the_checkpoints_made_before_them()
    {
        JsonTypeInfo<CheckpointMetadata> type = CheckpointJson.Default.CheckpointMetadata;
        string stored = JsonSerializer.Serialize(CheckpointFixture.Metadata(new ModelConfig()), type);
        JsonNode legacy = JsonNode.Parse(stored)!;
        JsonObject model = legacy["model"]!.AsObject();
        Assert.True(model.Remove("ecaKernels") && model.Remove("downsamplePadding"), "a checkpoint records both rules");

        ModelConfig read = legacy.Deserialize(type)!.Model;
        using var network = new SiameseNetwork(read);
        ModelSummary summary = ModelSummary.Of(network);

        Assert.Equal((EcaKernelRule.Log2, DownsamplePadding.Symmetric), (read.EcaKernels, read.DownsamplePadding));
        Assert.Equal(11_697_681, summary.TrainableParameters);
        Assert.Equal([3, 4, 4, 5], summary.EcaKernelSizes);
        Assert.Equal(new ModelConfig(), JsonSerializer.Deserialize(stored, type)!.Model);
    }

    [Theory]
    [InlineData(1.0, 32)]
    [InlineData(0.25, 64)]
    public void Flops_per_image_are_the_multiply_adds_of_every_convolution_and_linear_layer(double width, int imageSize)
    {
        var config = new ModelConfig { Width = width, ImageSize = imageSize };
        using var network = new SiameseNetwork(config);

        // Counted by hand from the architecture: 2 x (output elements) x (inputs per output) for each layer.
        IReadOnlyList<int> c = config.StageChannels;
        long Conv(long outChannels, long inChannels, long kernel, long side) =>
            2 * outChannels * side * side * inChannels * kernel * kernel;
        long expected = Conv(c[0], 3, 3, imageSize);
        long previous = c[0];
        for (int stage = 0; stage < 4; stage++)
        {
            long side = imageSize >> stage;
            expected += Conv(c[stage], previous, 3, side) + Conv(c[stage], c[stage], 3, side) + Conv(c[stage], c[stage], 3, side) * 2;
            if (stage > 0) expected += Conv(c[stage], previous, 1, side);
            expected += 2L * c[stage] * EcaBlock.KernelSizeFor(c[stage], config.EcaKernels);
            previous = c[stage];
        }
        expected += 2L * c[3] * config.EmbeddingSize;

        Assert.Equal(expected, ModelSummary.Of(network).FlopsPerImage);
    }

    [Fact]
    public void Stage_outputs_for_a_32x32_input_halve_the_resolution_and_double_the_channels()
    {
        using var network = new SiameseNetwork(new ModelConfig());
        network.eval();
        using var scope = NewDisposeScope();
        var stages = network.Backbone.StageOutputs(rand(2, 3, 32, 32));

        Assert.Equal(new long[] { 2, 64, 32, 32 }, stages[0].shape);
        Assert.Equal(new long[] { 2, 128, 16, 16 }, stages[1].shape);
        Assert.Equal(new long[] { 2, 256, 8, 8 }, stages[2].shape);
        Assert.Equal(new long[] { 2, 512, 4, 4 }, stages[3].shape);
        Assert.Equal(new long[] { 2, 512 }, network.Embed(rand(2, 3, 32, 32)).shape);
    }

    [Fact]
    public void Log2_eca_kernel_sizes_follow_the_channel_counts_as_3_4_4_5()
    {
        using var network = new SiameseNetwork(new ModelConfig { EcaKernels = EcaKernelRule.Log2 });

        Assert.Equal([3, 4, 4, 5], network.Backbone.AttentionBlocks.Select(b => b.KernelSize));
        var ecaWeights = network.named_parameters().Where(p => p.name.Contains(".eca", StringComparison.Ordinal)).ToList();
        Assert.Equal([3L, 4L, 4L, 5L], ecaWeights.Select(p => p.parameter.shape[^1]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_score_of_a_b_equals_the_score_of_b_a(bool training)
    {
        torch.manual_seed(1);
        using var network = new SiameseNetwork(Tiny);
        if (training) network.train(); else network.eval();
        using var scope = NewDisposeScope();
        Tensor a = rand(8, 3, 32, 32), b = rand(8, 3, 32, 32);

        Tensor ab = network.call(cat([a, b], 2));
        Tensor ba = network.call(cat([b, a], 2));

        Assert.True(TensorAssert.Same(ab, ba), "swapping the images of a pair must not change its score");
        Assert.False(TensorAssert.Same(ab, network.call(cat([a, a], 2))), "a different pair should score differently");
    }

    [Fact]
    public void Both_branches_use_the_same_parameters()
    {
        torch.manual_seed(2);
        using var network = new SiameseNetwork(Tiny);
        network.eval();
        using var scope = NewDisposeScope();

        var names = network.named_parameters().Select(p => p.name).ToList();
        Assert.All(names, n =>
            Assert.True(n.StartsWith("backbone.", StringComparison.Ordinal) || n.StartsWith("fc", StringComparison.Ordinal), n));
        // One backbone's weights and the head's, no second copy for the other branch.
        using (var oneBackbone = new AttentionResNet("backbone", Tiny))
            Assert.Equal(oneBackbone.parameters().Sum(p => p.numel()) + (Tiny.EmbeddingSize + 1) * Tiny.HeadSize + Tiny.HeadSize + 1,
                network.parameters().Sum(p => p.numel()));

        // One image in both halves: with one set of weights both embeddings are identical, so |e1 - e2| = 0
        // and every such pair gets the same score, whatever the image.
        Tensor x = rand(4, 3, 32, 32), y = rand(4, 3, 32, 32);
        Tensor sameX = network.call(cat([x, x], 2)), sameY = network.call(cat([y, y], 2));
        Assert.True(TensorAssert.Same(sameX, sameY));

        // Changing a backbone weight changes what both branches compute.
        Tensor before = network.Embed(x).clone();
        using (no_grad()) network.named_parameters().First(p => p.name == "backbone.conv1.weight").parameter.add_(0.5);
        Assert.False(TensorAssert.Same(before, network.Embed(x)));
        Assert.True(TensorAssert.Same(network.call(cat([x, x], 2)), network.call(cat([y, y], 2))));
    }

    [Fact]
    public void Width_and_depth_are_configuration()
    {
        using var tiny = new SiameseNetwork(Tiny);
        ModelSummary summary = ModelSummary.Of(tiny);

        Assert.Equal([8, 16, 32, 64], Tiny.StageChannels);
        Assert.Equal(new long[] { 1, 64, 4, 4 }, summary.StageShapes[3].Shape);
        Assert.InRange(summary.TrainableParameters, 10_000, 200_000);
        Assert.Throws<InvalidInputException>(() => new SiameseNetwork(new ModelConfig { BlocksPerStage = [2, 2, 2] }));
    }
}
