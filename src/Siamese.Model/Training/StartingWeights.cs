using Siamese.Model.Network;
using static TorchSharp.torch;

namespace Siamese.Model.Training;

/// <summary>
/// Copies a trained network's weights into a new run's network (<see cref="TrainingStart.Served"/>). Every weight and
/// running statistic is copied by name. The input size may differ, since the backbone pools globally; the first
/// convolution's kernels are converted between grey and colour inputs (a grey kernel spread evenly over red, green and
/// blue sees a colour image as it saw its grey version; colour kernels summed see a grey image as it saw that grey in
/// colour). Any other difference of architecture means the weights do not fit.
/// </summary>
public static class StartingWeights
{
    private const string FirstConvolution = "backbone.conv1.weight";

    /// <summary>
    /// Starts <paramref name="target"/> from <paramref name="source"/> (named <paramref name="sourceName"/>, e.g. "the shipped
    /// model") when its weights fit: returns what the run started from, for its checkpoints, or null with
    /// <paramref name="reason"/> saying why it starts from scratch.
    /// </summary>
    public static string? Start(SiameseNetwork target, SiameseNetwork source, string sourceName, out string reason)
    {
        string? mismatch = CopyInto(source, target);
        reason = mismatch is null ? "" : $"{sourceName} does not fit the recipe's network: {mismatch}";
        return mismatch is null ? sourceName : null;
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/>; null when done, else why the weights do not fit.</summary>
    private static string? CopyInto(SiameseNetwork source, SiameseNetwork target)
    {
        if (Mismatch(source.Config, target.Config) is { } reason) return reason;
        Dictionary<string, Tensor> from = source.state_dict(), to = target.state_dict();
        foreach (var (name, weights) in to)
        {
            if (!from.TryGetValue(name, out Tensor? given))
                return $"it has no {name}";
            if (!given.shape.SequenceEqual(weights.shape) && name != FirstConvolution)
                return $"its {name} is [{string.Join(", ", given.shape)}], the run's [{string.Join(", ", weights.shape)}]";
        }
        using (no_grad())
        {
            foreach (var (name, weights) in to)
            {
                using Tensor given = name == FirstConvolution ? ToInputChannels(from[name], weights.shape[1]) : from[name].alias();
                weights.copy_(given);
            }
        }
        return null;
    }

    private static string? Mismatch(ModelConfig source, ModelConfig target)
    {
        if (!source.StageChannels.SequenceEqual(target.StageChannels) || source.EmbeddingSize != target.EmbeddingSize)
            return $"its widths are {string.Join('/', source.StageChannels)}, the run's {string.Join('/', target.StageChannels)}";
        if (!source.BlocksPerStage.SequenceEqual(target.BlocksPerStage))
            return $"its blocks are {string.Join(',', source.BlocksPerStage)}, the run's {string.Join(',', target.BlocksPerStage)}";
        if (source.EcaKernels != target.EcaKernels || source.DownsamplePadding != target.DownsamplePadding)
            return $"its layer rules are {source.EcaKernels}/{source.DownsamplePadding}, " +
                   $"the run's {target.EcaKernels}/{target.DownsamplePadding}";
        return null;
    }

    private static Tensor ToInputChannels(Tensor given, long inputChannels)
    {
        if (given.shape[1] == inputChannels) return given.alias();
        return inputChannels > given.shape[1]
            ? given.expand(given.shape[0], inputChannels, given.shape[2], given.shape[3]) / inputChannels
            : given.sum(1, keepdim: true);
    }
}
