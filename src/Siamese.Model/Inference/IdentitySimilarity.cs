namespace Siamese.Model.Inference;

/// <summary>
/// How similar a query image is to an identity (several enrolled images of one person or writer): the MEAN of the head's
/// similarities of the query with each enrolled image. One enrolled image gives single-image compare's similarity, so the
/// model's isSame threshold applies as it is.
/// </summary>
/// <remarks>
/// Chosen by measurement (docs/benchmarks.md, "Galleries: verifying against an identity (SVC2004)"): on ten SVC2004 writers
/// held out from training, five signatures enrolled each, the mean beat single-image compare with both models (skilled
/// forgeries' ROC AUC +0.10 and +0.12, equal error rate 4 and 8 points lower; other writers' AUC +0.015 and +0.020). The
/// median, the mean of the top 3, the head on the mean embedding and the sigmoid of the mean logit were within the writers'
/// resampling noise of it (at most 0.03 AUC apart on forgeries, every 95 % interval of the difference spanning zero); the
/// max was clearly worse on forgeries with the shipped model and, at the model's threshold, accepts far more impostors. The mean is
/// the simplest, needs only the similarities that compare already computes, and bounds what one bad enrolled image can do
/// (1/n of the result; in a mean of logits one very negative logit can outweigh all the others).
/// </remarks>
public static class IdentitySimilarity
{
    /// <summary>The rule in words, as the API states it with every identity's score.</summary>
    public const string Rule = "the mean of the image's similarities to each of the identity's images";

    /// <summary>The mean of <paramref name="similarities"/> (each in [0, 1]): the query's similarity to the identity, in [0, 1].</summary>
    /// <exception cref="ArgumentException">There are no similarities: an identity needs an enrolled image.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A similarity is NaN or outside [0, 1].</exception>
    public static double Of(IReadOnlyList<float> similarities)
    {
        ArgumentNullException.ThrowIfNull(similarities);
        if (similarities.Count == 0)
            throw new ArgumentException("An identity needs at least one enrolled image to compare with.", nameof(similarities));
        double sum = 0;
        foreach (float similarity in similarities)
        {
            if (!(similarity is >= 0 and <= 1))
                throw new ArgumentOutOfRangeException(nameof(similarities), similarity, "A similarity lies in [0, 1].");
            sum += similarity;
        }
        return sum / similarities.Count;
    }
}
