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
        bool wasTraining = network.training;
        network.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            Tensor embeddings = OneShotEvaluator.Embed(network, images, channels, imageSize, batchSize, cancellationToken);
            Tensor first = embeddings.index_select(0, tensor(pairs.Select(p => (long)p.First).ToArray(), device: embeddings.device));
            Tensor second = embeddings.index_select(0, tensor(pairs.Select(p => (long)p.Second).ToArray(), device: embeddings.device));
            return network.Similarity(first, second).cpu().data<float>().ToArray().Select(s => (double)s).ToArray();
        }
        finally
        {
            if (wasTraining) network.train();
        }
    }
}
