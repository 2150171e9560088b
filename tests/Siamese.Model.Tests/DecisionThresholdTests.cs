namespace Siamese.Model.Tests;

public class DecisionThresholdTests
{
    [Fact]
    public void Separable_scores_get_a_threshold_between_the_two_kinds_and_perfect_balanced_accuracy()
    {
        DecisionThreshold threshold = DecisionThreshold.Choose([2.0f, 3.0f, 4.0f], [-3.0f, -1.0f, 0.0f, 1.0f])!;

        Assert.Equal(1.0, threshold.BalancedAccuracy);
        Assert.Equal(SimilarityScale.FromLogit(1.5), threshold.Similarity, 6); // halfway between 1 (different) and 2 (same)
        Assert.Equal((3, 4), (threshold.SamePairs, threshold.DifferentPairs));
    }

    [Fact]
    public void The_chosen_threshold_has_the_best_balanced_accuracy_of_any_threshold()
    {
        var random = new Random(5);
        float[] same = Enumerable.Range(0, 40).Select(_ => (float)(random.NextDouble() * 4 - 1)).ToArray();
        float[] different = Enumerable.Range(0, 400).Select(_ => (float)(random.NextDouble() * 4 - 3)).ToArray();

        DecisionThreshold chosen = DecisionThreshold.Choose(same, different)!;

        double logit = SimilarityScale.ToLogit(chosen.Similarity);
        double Balanced(double t) => (same.Count(s => s >= t) / 40.0 + different.Count(d => d < t) / 400.0) / 2;
        double best = same.Concat(different).Select(s => Balanced(s)).Max();
        Assert.Equal(best, Balanced(logit), 6);
        Assert.Equal(best, chosen.BalancedAccuracy, 6);
        Assert.True(best > 0.75, $"the two kinds overlap only partly, yet the best balanced accuracy is {best:P1}");
    }

    [Fact]
    public void Without_pairs_of_both_kinds_there_is_no_threshold()
    {
        Assert.Null(DecisionThreshold.Choose([1f, 2f], []));
        Assert.Null(DecisionThreshold.Choose([], [1f]));
    }
}
