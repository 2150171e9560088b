namespace Siamese.Model.Tests;

public class OneShotTests
{
    private static readonly OneShotSetLoader Loader = new(new PairPreprocessor(new JitterOptions(), 32), ColorMode.Grayscale);

    [Fact]
    public void The_omniglot_runs_give_400_twenty_way_trials_with_the_answers_of_class_labels()
    {
        using var archive = ImageArchive.Open(SampleImages.AllRuns);

        OneShotSet set = Loader.LoadOmniglotRuns(archive);

        Assert.Equal(20, set.Ways);
        Assert.Equal(400, set.Trials.Count);
        Assert.All(set.Trials, t => Assert.Equal(20, t.Candidates.Count));
        // run01/class_labels.txt: "run01/test/item01.png run01/training/class08.png"
        OneShotTrial first = set.Trials.First(t => t.Query == "run01/test/item01.png");
        Assert.Equal("run01/training/class08.png", first.Candidates[first.Answer]);
        Assert.Equal(32 * 32, set.Images[first.Query].Length);
        // Each trial knows its run, for the report: run01 … run20, 20 trials each.
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"run{i:D2}"), set.Trials.Select(t => t.Run).Distinct().Order());
        Assert.All(set.Trials, t => Assert.StartsWith(t.Run + "/", t.Query));
    }

    [Fact]
    public void Sampled_trials_draw_distinct_classes_and_a_query_other_than_its_candidate()
    {
        using var archive = ImageArchive.Open(SampleImages.Background2);
        var classes = ClassIndex.Build(archive.Entries).Classes;

        OneShotSet set = Loader.Sample(archive, classes, ways: 5, trialCount: 50, seed: 3, name: "test");

        Assert.Equal(50, set.Trials.Count);
        Assert.Equal(["trials 1-20", "trials 21-40", "trials 41-50"], set.Trials.Select(t => t.Run).Distinct());
        foreach (OneShotTrial trial in set.Trials)
        {
            Assert.Equal(5, trial.Candidates.Select(Path.GetDirectoryName).Distinct().Count());
            Assert.Equal(Path.GetDirectoryName(trial.Query), Path.GetDirectoryName(trial.Candidates[trial.Answer]));
            Assert.NotEqual(trial.Query, trial.Candidates[trial.Answer]);
        }
    }

    [Fact]
    public void The_evaluator_scores_every_trial_and_counts_the_right_answers()
    {
        // An untrained network: this checks the bookkeeping (one choice per trial, counted against the answers).
        using var archive = ImageArchive.Open(SampleImages.AllRuns);
        OneShotSet runs = Loader.LoadOmniglotRuns(archive);
        using var network = new SiameseNetwork(new ModelConfig { InputChannels = 1, Width = 0.0625, BlocksPerStage = [1, 1, 1, 1] });

        OneShotResult result = OneShotEvaluator.Evaluate(network, runs);

        Assert.Equal(400, result.Trials);
        Assert.Equal(400, result.Choices.Count);
        Assert.All(result.Choices, c => Assert.InRange(c, 0, 19));
        Assert.Equal(result.Choices.Where((c, i) => c == runs.Trials[i].Answer).Count(), result.Correct);
        Assert.Contains("20-way one-shot accuracy", result.ToString());
    }

    [Theory]
    [InlineData(50, 100, 0.4038, 0.5962)]
    [InlineData(0, 20, 0.0, 0.1611)]
    [InlineData(380, 400, 0.9240, 0.9674)]
    public void The_95_percent_interval_is_the_wilson_score_interval(int correct, int trials, double low, double high)
    {
        var interval = ProportionInterval.Wilson95(correct, trials);

        Assert.Equal(low, interval.Low, 3);
        Assert.Equal(high, interval.High, 3);
    }
}
