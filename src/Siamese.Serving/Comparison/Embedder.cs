using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Inference;
using Siamese.Model.Network;
using Siamese.Serving.Provider;
using static TorchSharp.torch;

namespace Siamese.Serving.Comparison;

/// <summary>An uploaded image: its bytes and a name for error messages.</summary>
public sealed record ImageUpload(string Name, byte[] Bytes)
{
    public string ContentHash { get; } = ContentIds.Sha256(Bytes);
}

/// <summary>
/// Embeddings and similarities with a served model. Images are preprocessed exactly as evaluation preprocesses
/// them (the checkpoint's colour mode, resize, centred crop, input size); embeddings come from the cache when the
/// same bytes were seen with the same model, and the rest are computed in one batch without autograd.
/// </summary>
public sealed class Embedder(EmbeddingCache cache, IOptions<ServingOptions> options)
{
    public float[][] Embed(ServedModel model, IReadOnlyList<ImageUpload> images, CancellationToken cancellationToken)
    {
        var embeddings = new float[images.Count][];
        var missing = new List<int>();
        for (int i = 0; i < images.Count; i++)
            if (!cache.TryGet(model.Id, images[i].ContentHash, out embeddings[i])) missing.Add(i);

        byte[][] planar = Preprocess(model, missing.Select(i => images[i]).ToList(), cancellationToken);

        int batchSize = options.Value.InferenceBatchSize;
        for (int start = 0; start < missing.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, missing.Count - start);
            float[][] computed = Compute(model, model.Network, planar.AsSpan(start, count).ToArray(), cancellationToken);
            for (int k = 0; k < count; k++)
            {
                int i = missing[start + k];
                embeddings[i] = computed[k];
                cache.Add(model.Id, images[i].ContentHash, computed[k]);
            }
        }
        return embeddings;
    }

    /// <summary>
    /// Embeddings by the served model's float32 network (<see cref="ServedModel.Float32"/>, or the network itself when it
    /// computes in float32), never cached: for pairs that bfloat16 scored too close to a threshold.
    /// </summary>
    public float[][] EmbedInFloat32(ServedModel model, IReadOnlyList<ImageUpload> images, CancellationToken cancellationToken) =>
        Compute(model, model.Float32 ?? model.Network, Preprocess(model, images, cancellationToken), cancellationToken);

    /// <summary>Similarity in [0, 1] of each pair of embeddings.</summary>
    public static float[] Similarities(ServedModel model, IReadOnlyList<float[]> first, IReadOnlyList<float[]> second)
    {
        if (first.Count == 0) return [];
        SiameseNetwork network = model.Network;
        return InferenceMode.Run(network, () =>
        {
            Tensor a = Embeddings.FromArrays(first).to(network.Device), b = Embeddings.FromArrays(second).to(network.Device);
            return Embeddings.Similarities(network, a, b);
        });
    }

    /// <summary>One forward pass of a compare's shape (two blank images), so that the first request finds its kernels made.</summary>
    public static void WarmUp(ServedModel model, CancellationToken cancellationToken)
    {
        byte[] blank = new byte[model.ColorMode.Channels() * model.Preprocessor.OutputSize * model.Preprocessor.OutputSize];
        Compute(model, model.Network, [blank, blank], cancellationToken);
    }

    /// <summary>The image as the network receives it: planar bytes, channels x input size x input size.</summary>
    public byte[] Preprocess(ServedModel model, ImageUpload image) =>
        model.Preprocessor.ToNetworkInput(image.Bytes, image.Name, model.ColorMode, options.Value.MaxImagePixels);

    private byte[][] Preprocess(ServedModel model, IReadOnlyList<ImageUpload> images, CancellationToken cancellationToken)
    {
        var planar = new byte[images.Count][];
        ParallelWork.For(images.Count, cancellationToken, i => planar[i] = Preprocess(model, images[i]));
        return planar;
    }

    private static float[][] Compute(ServedModel model, SiameseNetwork network, byte[][] planar, CancellationToken cancellationToken)
    {
        int channels = model.ColorMode.Channels(), size = model.Preprocessor.OutputSize;
        return InferenceMode.Run(network, () =>
            Embeddings.ToArrays(Embeddings.Compute(network, planar, channels, size, planar.Length, cancellationToken)));
    }
}
