using Siamese.Model.Evaluation;
using Siamese.Model.Imaging;
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
    public static double Evaluate(SiameseNetwork network, OneShotSet set, int count) =>
        OneShotEvaluator.Evaluate(network, set, images =>
        {
            using Tensor batch = ImageTensors.ToBatch(images, set.Channels, set.ImageSize, set.ImageSize);
            return Variants.Take(count).Select(v => network.Embed(Transform(batch, v.Degrees, v.Scale)))
                .Aggregate((sum, next) => sum + next) / count;
        }).Accuracy;

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
