using System.Text.Json;
using Siamese.Storage.Promotion;

namespace Siamese.Storage.Tests;

/// <summary>Challenger and champion on the impostor trials: held within the tolerance, shown with 95 % intervals, recorded.</summary>
public class ImpostorScoresTests
{
    [Fact]
    public void A_challenger_within_the_tolerance_holds_and_the_comparison_shows_both_scores_with_their_intervals()
    {
        var held = new ImpostorScores(Classes: 3, TrialCount: 400, ChallengerCorrect: 364, ChampionCorrect: 248, Tolerance: 0.02);
        var worse = new ImpostorScores(3, 400, 240, 250, 0.02);
        var justWithin = new ImpostorScores(3, 400, 242, 250, 0.02);

        Assert.True(held.Held);
        Assert.False(worse.Held);
        Assert.True(justWithin.Held);
        Assert.Equal("impostor trials: 91.0 % (95 % CI 87.8–93.4) vs 62.0 % (57.2–66.6) on the same 400 trials of 3 held-out " +
                     "classes with impostors, held", held.Comparison);
        Assert.EndsWith("more than 2.0 points worse", worse.Comparison);
    }

    [Fact]
    public void A_decision_with_impostor_scores_reads_back_with_them()
    {
        var decision = new PromotionDecision("r", "r/epoch-0001", null, false, "not promoted", DateTimeOffset.UnixEpoch)
        {
            Impostors = new ImpostorScores(2, 40, 30, 35, 0.02),
        };

        string json = JsonSerializer.Serialize(decision, StorageJson.Default.PromotionDecision);
        PromotionDecision read = JsonSerializer.Deserialize(json, StorageJson.Default.PromotionDecision)!;

        Assert.Equal(decision.Impostors, read.Impostors);
        Assert.Contains("\"impostors\"", json);
    }
}
