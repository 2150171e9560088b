namespace Siamese.Model.Tests;

/// <summary>Impostor trials over held-out classes, and verification measures of genuine against impostor scores.</summary>
public class ImpostorEvaluationTests
{
    [Fact]
    public void Impostor_trials_are_drawn_from_the_seed_alone_and_pit_a_genuine_image_against_an_impostor_of_the_querys_class()
    {
        ImageClass[] classes =
        [
            new("a", ["a/1", "a/2", "a/3"]) { Impostors = ["a/forged/1", "a/forged/2"] },
            new("b", ["b/1", "b/2"]),
            new("c", ["c/1", "c/2", "c/3", "c/4"]) { Impostors = ["c/forged/1"] },
        ];

        var trials = ImpostorTrials.SampleTrials(classes, 200, seed: 4, "held out");

        Assert.Equal(200, trials.Count);
        Assert.Equal(Text(trials), Text(ImpostorTrials.SampleTrials(classes, 200, seed: 4, "held out")));
        Assert.NotEqual(Text(trials), Text(ImpostorTrials.SampleTrials(classes, 200, seed: 5, "held out")));
        foreach (OneShotTrial trial in trials)
        {
            ImageClass of = classes.Single(c => c.Name == trial.Run);
            Assert.Equal((2, ImpostorTrials.GenuineCandidate), (trial.Candidates.Count, trial.Answer));
            Assert.Contains(trial.Query, of.Images);
            Assert.Contains(trial.Candidates[ImpostorTrials.GenuineCandidate], of.Images);
            Assert.NotEqual(trial.Query, trial.Candidates[ImpostorTrials.GenuineCandidate]);
            Assert.Contains(trial.Candidates[ImpostorTrials.ImpostorCandidate], of.Impostors);
        }
        Assert.Equal(["a", "c"], trials.Select(t => t.Run).Distinct().Order());
        Assert.Empty(ImpostorTrials.SampleTrials([classes[1]], 10, seed: 4, "none"));
    }

    [Fact]
    public void Impostor_trials_of_real_images_are_scored_right_only_when_the_genuine_candidate_scores_higher()
    {
        using var temp = new TempDirectory();
        using var archive = ImageArchive.Open(TestData.ForgedOmniglotZip(temp, classes: 3, perClass: 4, impostorsPerClass: 2));
        ClassIndex index = ClassIndex.Build(archive.Entries);
        var loader = new OneShotSetLoader(new PairPreprocessor(new JitterOptions(), 16), ColorMode.Grayscale);
        torch.manual_seed(1);
        using var network = new SiameseNetwork(
            new ModelConfig { InputChannels = 1, ImageSize = 16, Width = 0.0625, BlocksPerStage = [1, 1, 1, 1] });

        OneShotSet set = ImpostorTrials.Sample(archive, index.Classes, trials: 25, seed: 2, loader)!;
        OneShotResult result = OneShotEvaluator.Evaluate(network, set);

        Assert.Equal((3, 6), (index.Classes.Count, index.ImpostorCount));
        Assert.Equal((ImpostorTrials.Name(3), 2, 25), (set.Name, set.Ways, result.Trials));
        Assert.Equal(result.Scores.Count(s => s[ImpostorTrials.GenuineCandidate] > s[ImpostorTrials.ImpostorCandidate]), result.Correct);
        var (genuine, impostors) = ImpostorTrials.PairScores(result);
        Assert.Equal(result.Scores.Select(s => s[1]), genuine);
        Assert.Equal(result.Scores.Select(s => s[0]), impostors);
        Assert.Matches(@"^impostor trials: \d+\.\d % \(95 % CI \d+\.\d–\d+\.\d, \d+/25 trials\)$", ImpostorTrials.Describe(result));
        Assert.Null(ImpostorTrials.Sample(archive, index.Classes.Select(c => c with { Impostors = [] }).ToList(), 25, 2, loader));
    }

    [Fact]
    public void Perfectly_separated_scores_give_auc_1_and_no_equal_error_identical_ones_auc_and_equal_error_one_half()
    {
        var separated = new VerificationScores([2f, 3f, 4f], [-1f, 0f, 1f]);
        var identical = new VerificationScores([1f, 1f, 1f], [1f, 1f]);
        var reversed = new VerificationScores([-1f, 0f], [1f, 2f]);

        Assert.Equal((1.0, 0.0), (separated.RocAuc, separated.EqualErrorRate));
        Assert.Equal((0.5, 0.5), (identical.RocAuc, identical.EqualErrorRate));
        Assert.Equal((0.0, 1.0), (reversed.RocAuc, reversed.EqualErrorRate));
        Assert.True(double.IsNaN(new VerificationScores([1f], []).EqualErrorRate));
    }

    [Fact]
    public void The_equal_error_rate_lies_where_false_accepts_and_false_rejects_cross()
    {
        // Thresholds from high to low: at 3, false accepts 0 and false rejects 1/2; at 2, both 1/2.
        var scores = new VerificationScores([3f, 1f], [2f, 0f]);

        Assert.Equal(0.75, scores.RocAuc);
        Assert.Equal(0.5, scores.EqualErrorRate, 10);
    }

    [Fact]
    public void False_accepts_and_rejects_are_counted_at_a_similarity_threshold()
    {
        // Similarities: impostors 0.12, 0.50, 0.88; genuine 0.27, 0.73.
        var scores = new VerificationScores([-1f, 1f], [-2f, 0f, 2f]);

        Assert.Equal(2.0 / 3, scores.FalseAcceptRate(0.5), 10);
        Assert.Equal(1.0 / 3, scores.FalseAcceptRate(0.6), 10);
        Assert.Equal(0.5, scores.FalseRejectRate(0.5), 10);
        Assert.Equal(0.0, scores.FalseRejectRate(0.2), 10);
    }

    private static string[] Text(IEnumerable<OneShotTrial> trials) =>
        trials.Select(t => $"{t.Query} vs {string.Join(", ", t.Candidates)}: {t.Answer}").ToArray();
}
