namespace Siamese.Model.Evaluation;

/// <summary>
/// The similarity people see (0 to 1) is the sigmoid of the head's logit; two images count as the same at or above
/// <see cref="DefaultSameThreshold"/> (the compare API's isSame and the reports use the same default).
/// </summary>
public static class SimilarityScale
{
    public const double DefaultSameThreshold = 0.5;

    public static double FromLogit(double logit) => 1 / (1 + Math.Exp(-logit));

    public static double ToLogit(double similarity) => Math.Log(similarity / (1 - similarity));
}
