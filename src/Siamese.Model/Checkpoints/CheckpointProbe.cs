using Siamese.Model.Inference;
using Siamese.Model.Network;
using static TorchSharp.torch;

namespace Siamese.Model.Checkpoints;

/// <summary>
/// A fixed input (smooth patterns, no random generator) and the scores the network gave it when the checkpoint was
/// written. Whoever loads the checkpoint can score the same input and compare: the weights arrived intact.
/// </summary>
public static class CheckpointProbe
{
    public const int Pairs = 4;

    public static Tensor Input(ModelConfig config)
    {
        int channels = config.InputChannels, height = 2 * config.ImageSize, width = config.ImageSize;
        var values = new float[Pairs * channels * height * width];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(0.5 + 0.5 * Math.Sin(i * 0.37 + i % 7));
        return tensor(values, [Pairs, channels, height, width]);
    }

    /// <summary>The network's similarities for the probe input, in evaluation mode.</summary>
    public static float[] Scores(SiameseNetwork network) =>
        InferenceMode.Run(network, () => network.call(Input(network.Config).to(network.Device)).cpu().data<float>().ToArray());
}
