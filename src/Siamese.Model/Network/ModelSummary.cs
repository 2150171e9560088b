using Siamese.Model.Inference;
using static TorchSharp.torch;

namespace Siamese.Model.Network;

/// <summary>Parameter counts of a network, by top-level part and in total.</summary>
public sealed record ModelSummary(
    ModelConfig Config,
    long TrainableParameters,
    long BatchNormStatistics,
    IReadOnlyList<(string Part, long Parameters)> Parts,
    IReadOnlyList<(string Stage, long[] Shape)> StageShapes,
    IReadOnlyList<int> EcaKernelSizes,
    long FlopsPerImage)
{
    /// <summary>What TensorFlow reports as "Total params": trainable weights plus BatchNorm moving mean and variance.</summary>
    public long TensorFlowTotal => TrainableParameters + BatchNormStatistics;

    public static ModelSummary Of(SiameseNetwork network)
    {
        long trainable = network.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        long statistics = network.named_buffers()
            .Where(b => b.name.EndsWith("running_mean", StringComparison.Ordinal)
                        || b.name.EndsWith("running_var", StringComparison.Ordinal))
            .Sum(b => b.buffer.numel());
        var parts = network.named_parameters()
            .GroupBy(p => PartOf(p.name))
            .Select(g => (g.Key, g.Sum(p => p.parameter.numel())))
            .ToList();

        ModelConfig config = network.Config;
        var (shapes, flops) = InferenceMode.Run(network, () =>
        {
            Tensor probe = zeros(1, config.InputChannels, config.ImageSize, config.ImageSize);
            var stageShapes = network.Backbone.StageOutputs(probe).Select((t, i) => ($"stage{i + 1}", t.shape)).ToList();
            return (stageShapes, CountFlops(network, probe));
        });

        return new ModelSummary(config, trainable, statistics, parts, shapes,
            network.Backbone.AttentionBlocks.Select(b => b.KernelSize).ToList(), flops);
    }

    /// <summary>
    /// Floating-point operations of one image through one branch: 2 x multiply-adds of every convolution and linear
    /// layer (weights of rank 2 or more), counted from the shapes seen in a forward pass. Training costs about three
    /// times this per image (forward, and backward for inputs and weights).
    /// </summary>
    private static long CountFlops(SiameseNetwork network, Tensor probe)
    {
        long flops = 0;
        var hooks = new List<Action>();
        foreach (var module in network.Backbone.modules().OfType<nn.Module<Tensor, Tensor>>())
        {
            var weight = module.named_parameters(recurse: false).FirstOrDefault(p => p.name == "weight").parameter;
            if (weight is null || weight.dim() < 2)
                continue;
            long multipliesPerOutput = weight.numel() / weight.shape[0];
            var hook = module.register_forward_hook((_, _, output) =>
            {
                flops += 2 * multipliesPerOutput * (output.numel() / output.shape[0]);
                return output;
            });
            hooks.Add(hook.remove);
        }
        try
        {
            using Tensor embedding = network.Embed(probe);
        }
        finally
        {
            hooks.ForEach(remove => remove());
        }
        return flops;
    }

    // "backbone.layer2.0.conv1.weight" → "backbone.layer2"; "fc1.weight" → "fc1".
    private static string PartOf(string parameterName)
    {
        string[] segments = parameterName.Split('.');
        return segments[0] == "backbone" && segments.Length > 2 ? $"{segments[0]}.{segments[1]}" : segments[0];
    }
}
