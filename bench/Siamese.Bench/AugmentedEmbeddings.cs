using Siamese.Model.Evaluation;
using Siamese.Model.Imaging;
using Siamese.Model.Inference;
using Siamese.Model.Network;
using static TorchSharp.torch;

namespace Siamese.Bench;

/// <summary>
/// Test-time augmentation: each image is embedded as it is and in small fixed variants (scaled 1.05x and 0.95x, rotated
/// 5° either way; pixels from outside repeat the border), and the variants' embeddings are averaged.
/// </summary>
internal static class AugmentedEmbeddings
{
    public static readonly IReadOnlyList<(double Degrees, double Scale)> Variants = [(0, 1), (0, 1.05), (0, 0.95), (5, 1), (-5, 1)];

    /// <summary>One-shot accuracy with the first <paramref name="count"/> variants' mean embedding per image.</summary>
    public static double Evaluate(SiameseNetwork network, OneShotSet set, int count) => InferenceMode.Run(network, () =>
    {
        var keys = set.Images.Keys.ToList();
        var row = keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => (long)x.i, StringComparer.Ordinal);
        using Tensor images = ImageTensors.ToBatch(keys.Select(k => set.Images[k]).ToList(), set.Channels, set.ImageSize, set.ImageSize);
        Tensor embeddings = Variants.Take(count).Select(v => network.Embed(Transform(images, v.Degrees, v.Scale)))
            .Aggregate((sum, next) => sum + next) / count;

        int correct = 0;
        foreach (OneShotTrial trial in set.Trials)
        {
            using var scope = NewDisposeScope();
            Tensor candidates = embeddings.index_select(0, tensor(trial.Candidates.Select(c => row[c]).ToArray()));
            Tensor query = embeddings[row[trial.Query]].unsqueeze(0).expand_as(candidates);
            float[] logits = network.HeadLogits(query, candidates).data<float>().ToArray();
            if (Array.IndexOf(logits, logits.Max()) == trial.Answer) correct++;
        }
        return (double)correct / set.Trials.Count;
    });

    private static Tensor Transform(Tensor images, double degrees, double scale)
    {
        double angle = degrees * Math.PI / 180;
        float cos = (float)(Math.Cos(angle) / scale), sin = (float)(Math.Sin(angle) / scale);
        long n = images.shape[0];
        float[] theta = Enumerable.Range(0, (int)n).SelectMany(_ => new[] { cos, -sin, 0f, sin, cos, 0f }).ToArray();
        Tensor grid = nn.functional.affine_grid(tensor(theta, [n, 2, 3]), images.shape, align_corners: false);
        return nn.functional.grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
    }
}
