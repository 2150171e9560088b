using Siamese.Model.Inference;
using Siamese.Model.Network;
using static TorchSharp.torch;

namespace Siamese.Model.Evaluation;

/// <summary>Similarity in [0, 1] of pairs of images: each image embedded once (in batches), then the head on each pair.</summary>
public static class PairScorer
{
    /// <param name="images">Planar network inputs (see <see cref="Imaging.PairPreprocessor.ToNetworkInput"/>).</param>
    /// <param name="pairs">Indices into <paramref name="images"/>.</param>
    public static double[] Similarities(SiameseNetwork network, IReadOnlyList<byte[]> images, IReadOnlyList<(int First, int Second)> pairs,
        int channels, int imageSize, int batchSize = 64, CancellationToken cancellationToken = default)
    {
        if (pairs.Count == 0) return [];
        return InferenceMode.Run(network, () =>
        {
            Tensor embeddings = Embeddings.Compute(network, images, channels, imageSize, batchSize, cancellationToken);
            Tensor first = embeddings.index_select(0, tensor(pairs.Select(p => (long)p.First).ToArray(), device: embeddings.device));
            Tensor second = embeddings.index_select(0, tensor(pairs.Select(p => (long)p.Second).ToArray(), device: embeddings.device));
            return Embeddings.Similarities(network, first, second).Select(s => (double)s).ToArray();
        });
    }
}
