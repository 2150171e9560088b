using Siamese.Storage.Promotion;

namespace Siamese.Storage.Tests;

/// <summary>
/// A decision's scores each carry a 95 % interval over the trials they were measured on, and say how many held-out classes
/// the trials come from, so a reader sees when a difference is inside the noise.
/// </summary>
public class DecisionTextTests
{
    [Fact]
    public void Both_scores_of_a_challenge_carry_their_interval_and_the_trials_say_how_many_classes_they_come_from()
    {
        // The faces upload that was promoted on 40.5 % vs 38.5 %: the intervals overlap almost entirely.
        var scores = new ChallengeScores("validation: 3 held-out classes", 3, 400, 0.405, "the default model", 0.385)
        {
            HeldOutClasses = 3,
        };

        Assert.Equal("40.5 % (95 % CI 35.8–45.4) vs 38.5 % (33.9–43.4) (the default model) on the same 400 3-way trials " +
                     "of 3 held-out classes", scores.Comparison);
        Assert.StartsWith("promoted: 40.5 % (95 % CI 35.8–45.4)", scores.Summary);
    }

    [Fact]
    public void A_challenge_recorded_before_held_out_classes_were_counted_reads_without_them()
    {
        var scores = new ChallengeScores("validation", 20, 400, 0.75, "served r/epoch-0001", 0.47);

        Assert.Equal("75.0 % (95 % CI 70.5–79.0) vs 47.0 % (42.2–51.9) (served r/epoch-0001) on the same 400 20-way trials",
            scores.Comparison);
    }

    [Fact]
    public void A_reference_score_carries_both_intervals_and_whether_it_held()
    {
        var score = new ReferenceScore(ReferenceTrials.ShippedBenchmark, 20, 400, 0.06, 0.9, 0.02);

        Assert.False(score.Held);
        Assert.Equal("on Lake's 20-way one-shot runs (all_runs.zip), the default model's benchmark: 6.0 % (95 % CI 4.1–8.8) vs " +
                     "90.0 % (86.7–92.6) on the same 400 20-way trials, more than 2.0 points worse", score.Comparison);
    }

    [Fact]
    public void Held_out_trials_with_another_floor_of_classes_are_other_trials()
    {
        ReferenceTrials before = ReferenceTrials.HeldOut("0123456789abcdef", 3, 42, 0.1, 0, 3, 400);
        ReferenceTrials after = ReferenceTrials.HeldOut("0123456789abcdef", 10, 42, 0.1, 10, 10, 400);

        Assert.True(before.SameTrialsAs(before with { ServedAccuracy = 0.5 }));
        Assert.False(after.SameTrialsAs(after with { MinValidationClasses = 0 }));
        Assert.Equal(10, after.MinValidationClasses);
    }
}
