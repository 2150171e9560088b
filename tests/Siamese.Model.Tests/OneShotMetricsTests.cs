namespace Siamese.Model.Tests;

public class OneShotMetricsTests
{
    [Fact]
    public void Roc_auc_equals_the_fraction_of_positive_negative_pairs_ranked_correctly()
    {
        var random = new Random(4);
        float[] positives = Enumerable.Range(0, 50).Select(_ => (float)Math.Round(random.NextDouble() + 0.3, 1)).ToArray();
        float[] negatives = Enumerable.Range(0, 70).Select(_ => (float)Math.Round(random.NextDouble(), 1)).ToArray();

        double expected = positives.Sum(p => negatives.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0.0)) / (positives.Length * negatives.Length);

        Assert.Equal(expected, OneShotMetrics.RocAuc(positives, negatives), 10);
        Assert.Equal(1.0, OneShotMetrics.RocAuc([2f, 3f], [0f, 1f]));
        Assert.Equal(0.0, OneShotMetrics.RocAuc([0f], [1f]));
    }

    [Fact]
    public void The_roc_curve_climbs_from_0_0_to_1_1_its_area_is_the_auc_and_the_operating_point_lies_on_it()
    {
        var random = new Random(9);
        float[] positives = Enumerable.Range(0, 40).Select(_ => (float)Math.Round(random.NextDouble() * 4 - 1, 1)).ToArray();
        float[] negatives = Enumerable.Range(0, 90).Select(_ => (float)Math.Round(random.NextDouble() * 4 - 3, 1)).ToArray();

        var curve = OneShotMetrics.RocCurve(positives, negatives);

        Assert.Equal((0.0, 0.0), (curve[0].FalsePositiveRate, curve[0].TruePositiveRate));
        Assert.Equal((1.0, 1.0), (curve[^1].FalsePositiveRate, curve[^1].TruePositiveRate));
        for (int i = 1; i < curve.Count; i++)
        {
            Assert.True(curve[i].FalsePositiveRate >= curve[i - 1].FalsePositiveRate);
            Assert.True(curve[i].TruePositiveRate >= curve[i - 1].TruePositiveRate);
            Assert.True(curve[i].Threshold < curve[i - 1].Threshold);
        }
        double area = 0;   // trapezoids: ties between a positive and a negative count half, as in the AUC
        for (int i = 1; i < curve.Count; i++)
            area += (curve[i].FalsePositiveRate - curve[i - 1].FalsePositiveRate)
                    * (curve[i].TruePositiveRate + curve[i - 1].TruePositiveRate) / 2;
        Assert.Equal(OneShotMetrics.RocAuc(positives, negatives), area, 10);

        RocPoint point = OneShotMetrics.OperatingPoint(positives, negatives, 0.0);
        Assert.Equal(positives.Count(p => p >= 0) / 40.0, point.TruePositiveRate);
        Assert.Contains(curve, p => p.FalsePositiveRate == point.FalsePositiveRate && p.TruePositiveRate == point.TruePositiveRate);
    }

    [Fact]
    public void Fewer_ways_count_a_trial_correct_when_the_answer_beats_the_chosen_other_candidates()
    {
        // Trial 0: the answer scores highest. Trial 1: the answer is second of 20, so it is right in 5-way only
        // when the one better candidate is not among the 4 drawn. Trial 2: the answer scores lowest.
        var candidates = Enumerable.Range(0, 20).Select(i => $"c{i}").ToList();
        var trials = Enumerable.Range(0, 3).Select(_ => new OneShotTrial("q", candidates, 7)).ToList();
        float[] Scores(Func<int, float> score) => Enumerable.Range(0, 20).Select(score).ToArray();
        var result = new OneShotResult("t", 20, 3, 1, [7, 3, 0])
        {
            Scores = [Scores(i => i == 7 ? 99 : i), Scores(i => i == 7 ? 18.5f : i), Scores(i => i == 7 ? -1 : i)],
        };

        FewerWaysResult five = OneShotMetrics.FewerWays(result, trials, 5);
        FewerWaysResult twenty = OneShotMetrics.FewerWays(result, trials, 20);

        Assert.Equal(1, twenty.Correct); // the full problem: only trial 0
        Assert.InRange(five.Correct, 1, 2);
        VerificationResult verification = OneShotMetrics.Verification(result, trials);
        Assert.Equal(3, verification.SamePairs);
        Assert.Equal(57, verification.DifferentPairs);
    }
}
