using Siamese.Model.Inference;

namespace Siamese.Bench;

/// <summary>
/// A query's head scores against each enrolled image of one identity (logits, and the similarities the service sees: their
/// sigmoid as the network computes it, in float), and its logit against the identity's mean embedding.
/// </summary>
internal sealed record IdentityQueryScores(float[] Logits, float[] Similarities, float MeanEmbeddingLogit);

/// <summary>A way to turn a query's scores against an identity into one similarity in [0, 1].</summary>
internal sealed record IdentityRule(string Name, Func<IdentityQueryScores, double> Similarity)
{
    /// <summary>The query against the first enrolled image alone: single-image compare, the reference.</summary>
    public static readonly IdentityRule SingleImage = new("single image (the first enrolled)", q => q.Similarities[0]);

    /// <summary>The candidates measured against each other; the first is the product's rule and the reference.</summary>
    public static readonly IReadOnlyList<IdentityRule> Candidates =
    [
        // The product's rule, as the service computes it.
        new("mean of similarities (IdentitySimilarity.Of, chosen)", q => IdentitySimilarity.Of(q.Similarities)),
        new("max of similarities", q => q.Similarities.Max()),
        new("median of similarities", q => Median(q.Similarities)),
        new("mean of the top 3 similarities", q => q.Similarities.OrderDescending().Take(3).Average(s => (double)s)),
        new("head on the mean embedding", q => Sigmoid(q.MeanEmbeddingLogit)),
        new("sigmoid of the mean logit", q => Sigmoid(q.Logits.Average(l => (double)l))),
    ];

    private static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));

    private static double Median(float[] values)
    {
        float[] sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + (double)sorted[middle]) / 2;
    }
}
