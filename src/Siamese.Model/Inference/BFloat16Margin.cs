namespace Siamese.Model.Inference;

/// <summary>
/// How far bfloat16 may move a similarity from float32's: the largest difference measured was 0.024 (the default model on
/// Omniglot's 8,000 one-shot pairs; docs/benchmarks.md, "Inference in bfloat16"). A call at a threshold that a bfloat16
/// similarity makes within this margin is uncertain, and serving scores that pair again in float32.
/// </summary>
public static class BFloat16Margin
{
    public const double Similarity = 0.03;

    public static bool IsUncertain(double similarity, double threshold) => Math.Abs(similarity - threshold) < Similarity;
}
