using System.Diagnostics;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Serving.Comparison;
using Siamese.Serving.Contracts;
using Siamese.Serving.Provider;

namespace Siamese.Serving.Galleries;

/// <summary>
/// Groups a set of images into identities without a gallery: average-linkage clustering on the model's similarities,
/// merging the two most similar groups while their mean pairwise similarity reaches the threshold. Images that join no
/// group are returned apart.
/// </summary>
public sealed class ImageGrouping(ModelProvider models, Embedder embedder, IOptions<ServingOptions> options)
{
    public const string Rule = "average linkage: groups merge while the mean similarity of their images' pairs reaches the threshold";

    public const int MaxImages = 100;

    public async Task<GroupResponse> GroupAsync(string? model, IReadOnlyList<ImageUpload> images, double? threshold,
        CancellationToken cancellationToken)
    {
        if (images.Count is < 2 or > MaxImages)
            throw new InvalidInputException("group.count", $"Group 2 to {MaxImages} images; this request has {images.Count}.");
        if (threshold is < 0 or > 1)
            throw new InvalidInputException("group.threshold", "threshold is between 0 and 1.");
        var clock = Stopwatch.StartNew();
        using ModelLease lease = await models.AcquireAsync(model, cancellationToken);
        float[][] embeddings = embedder.Embed(lease.Model, images, cancellationToken);
        double embedMs = clock.Elapsed.TotalMilliseconds;
        double cut = threshold ?? lease.Model.ThresholdOr(options.Value.Threshold);

        double[,] similarity = PairwiseSimilarities(lease.Model, embeddings);
        var groups = Cluster(similarity, cut);
        return new GroupResponse(
            groups.Where(g => g.Count > 1).Select(g => (IReadOnlyList<string>)g.Select(i => images[i].Name).ToList()).ToList(),
            groups.Where(g => g.Count == 1).Select(g => images[g[0]].Name).ToList(),
            cut, Rule, CompareService.Describe(lease.Model, options.Value.Threshold), Timing.Of(embedMs, clock.Elapsed.TotalMilliseconds));
    }

    /// <summary>Groups of indices, each in input order, the groups in the order of their first image.</summary>
    public static List<List<int>> Cluster(double[,] similarity, double threshold)
    {
        int n = similarity.GetLength(0);
        var groups = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        while (true)
        {
            (int A, int B, double Mean) best = (-1, -1, double.NegativeInfinity);
            for (int a = 0; a < groups.Count; a++)
                for (int b = a + 1; b < groups.Count; b++)
                {
                    double mean = groups[a].SelectMany(i => groups[b], (i, j) => similarity[i, j]).Average();
                    if (mean > best.Mean) best = (a, b, mean);
                }
            if (best.A < 0 || best.Mean < threshold) break;
            groups[best.A] = [.. groups[best.A].Concat(groups[best.B]).Order()];
            groups.RemoveAt(best.B);
        }
        return [.. groups.OrderBy(g => g[0])];
    }

    private static double[,] PairwiseSimilarities(ServedModel model, float[][] embeddings)
    {
        int n = embeddings.Length;
        var pairs = (from i in Enumerable.Range(0, n) from j in Enumerable.Range(i + 1, n - i - 1) select (i, j)).ToList();
        float[] scores = Embedder.Similarities(model, pairs.Select(p => embeddings[p.i]).ToList(),
            pairs.Select(p => embeddings[p.j]).ToList());
        var similarity = new double[n, n];
        for (int p = 0; p < pairs.Count; p++)
            similarity[pairs[p].i, pairs[p].j] = similarity[pairs[p].j, pairs[p].i] = scores[p];
        return similarity;
    }
}
