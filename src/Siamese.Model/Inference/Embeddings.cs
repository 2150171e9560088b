using Siamese.Model.Imaging;
using Siamese.Model.Network;
using static TorchSharp.torch;

namespace Siamese.Model.Inference;

/// <summary>
/// Embedding and scoring as evaluation and serving do it: planar images to embeddings in batches, pairs of embeddings
/// to similarities, and embeddings to and from plain arrays (for a cache). Run it inside <see cref="InferenceMode"/>.
/// </summary>
public static class Embeddings
{
    /// <summary>
    /// The largest stem activation one forward pass makes on the CPU. Bigger passes ran slower per image, not faster: their
    /// activations outgrow the cache, and on threads other than the main one glibc gives a block that large an arena heap of
    /// its own and unmaps it when it is freed, so the next pass faults it in again (see docs/benchmarks.md, "Network speed").
    /// 8 MiB is 32 images of the original's network at 32x32, 128 of the default model.
    /// </summary>
    public const long MaxActivationBytesPerPass = 8L << 20;

    /// <summary>Images per forward pass on the CPU: at least one, at most what fits <see cref="MaxActivationBytesPerPass"/>.</summary>
    public static int ImagesPerPass(ModelConfig config) =>
        (int)Math.Max(1, MaxActivationBytesPerPass / ((long)config.StageChannels[0] * config.ImageSize * config.ImageSize * sizeof(float)));

    /// <summary>
    /// Embeddings [N, E] of planar images (C x S x S bytes each), computed on the network's device in batches of
    /// <paramref name="batchSize"/>, each split on the CPU into passes of at most <see cref="ImagesPerPass"/> images.
    /// </summary>
    public static Tensor Compute(SiameseNetwork network, IReadOnlyList<byte[]> images, int channels, int imageSize, int batchSize,
        CancellationToken cancellationToken)
    {
        int pass = network.Device.type == TorchSharp.DeviceType.CPU ? Math.Min(batchSize, ImagesPerPass(network.Config)) : batchSize;
        var parts = new List<Tensor>();
        for (int start = 0; start < images.Count; start += pass)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = images.Skip(start).Take(pass).ToList();
            using Tensor input = ImageTensors.ToBatch(batch, channels, imageSize, imageSize);
            using Tensor onDevice = input.to(network.Device);
            parts.Add(network.Embed(onDevice));
        }
        return cat(parts, 0);
    }

    /// <summary>Similarity in [0, 1] of each row of <paramref name="first"/> with the same row of <paramref name="second"/>.</summary>
    public static float[] Similarities(SiameseNetwork network, Tensor first, Tensor second) =>
        network.Similarity(first, second).cpu().data<float>().ToArray();

    /// <summary>Each row of embeddings [N, E] as an array.</summary>
    public static float[][] ToArrays(Tensor embeddings)
    {
        int count = (int)embeddings.shape[0], width = (int)embeddings.shape[1];
        float[] flat = embeddings.cpu().data<float>().ToArray();
        return Enumerable.Range(0, count).Select(i => flat.AsSpan(i * width, width).ToArray()).ToArray();
    }

    /// <summary>Arrays of one length as embeddings [N, E] on the CPU.</summary>
    public static Tensor FromArrays(IReadOnlyList<float[]> rows)
    {
        int width = rows[0].Length;
        var flat = new float[rows.Count * width];
        for (int i = 0; i < rows.Count; i++) rows[i].CopyTo(flat, i * width);
        return tensor(flat, [rows.Count, width]);
    }
}
