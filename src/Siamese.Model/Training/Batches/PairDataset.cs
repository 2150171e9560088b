using Siamese.Model.Data;
using Siamese.Model.Imaging;
using static TorchSharp.torch;

namespace Siamese.Model.Training.Batches;

/// <summary>Rendered pairs held in memory as bytes, turned into tensors one batch at a time.</summary>
public sealed class PairDataset(IReadOnlyList<PairSample> samples, int channels, int imageSize)
{
    public IReadOnlyList<PairSample> Samples => samples;

    public int Count => samples.Count;
    public int Channels => channels;
    public int ImageSize => imageSize;
    public int Positives => samples.Count(s => s.IsSame);

    /// <summary>Pair images [B, C, 2S, S] in [0, 1] and labels [B] (1 = same class).</summary>
    public (Tensor Images, Tensor Labels) Batch(ReadOnlySpan<int> indices)
    {
        var pixels = new byte[indices.Length][];
        var labels = new float[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            PairSample sample = samples[indices[i]];
            pixels[i] = sample.Pixels;
            labels[i] = sample.IsSame ? 1f : 0f;
        }
        return (ImageTensors.ToBatch(pixels, channels, 2 * imageSize, imageSize), tensor(labels));
    }
}
