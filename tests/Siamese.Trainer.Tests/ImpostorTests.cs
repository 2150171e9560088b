using System.Text.Json;
using Siamese.Model.Checkpoints;
using Siamese.Model.Evaluation;
using Siamese.Storage.Promotion;
using Siamese.Testing;
using Siamese.Trainer.Jobs;

namespace Siamese.Trainer.Tests;

/// <summary>Impostors in the trainer: trained on, reported and calibrated on by evaluate, challenged on.</summary>
public class ImpostorTests
{
    private static readonly string[] TinyNetwork = ["--width", "0.0625", "--blocks", "1,1,1,1", "--image-size", "16"];

    [Fact]
    public async Task Training_on_impostors_records_them_and_evaluate_reports_and_calibrates_on_its_impostor_trials()
    {
        using var temp = new TempDirectory();
        string zip = TestData.ForgedOmniglotZip(temp, classes: 8, perClass: 5, impostorsPerClass: 3);
        string outDir = temp.Combine("run");

        TrainerRun train = await TrainerRun.InvokeAsync(["train", "--data", zip, "--out", outDir, "--objective", "InBatch",
            "--classes-per-batch", "4", "--images-per-class", "2", "--impostors-per-class", "2", "--steps-per-epoch", "2",
            "--epochs", "1", "--validation-fraction", "0.25", "--validation-trials", "30", "--color", "Grayscale", .. TinyNetwork]);

        Assert.True(train.ExitCode == 0, train.Error);

        TrainerRun evaluate = await TrainerRun.InvokeAsync(
            "evaluate", "--checkpoint", outDir, "--data", zip, "--held-out", "--threshold", "0.5");

        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Matches(@"Impostor trials: \d+\.\d+ % \(95 % CI .*, \d+/30 trials: a genuine image of the query's class against one of " +
                       @"its impostors, impostor trials: 2 held-out classes with impostors\)", evaluate.Output);
        Assert.Matches(@"Impostor verification ROC AUC: \d\.\d{4}, equal error rate \d+\.\d % \(30 genuine and 30 impostor pairs",
            evaluate.Output);
        Assert.Matches(@"False accepts at isSame threshold 0\.500: \d+\.\d % of 30 impostor pairs, \d+\.\d % of 30 different-class pairs",
            evaluate.Output);

        TrainerRun calibrate = await TrainerRun.InvokeAsync(
            "evaluate", "--checkpoint", outDir, "--data", zip, "--held-out", "--calibrate", "--threshold-on", "impostors", "--record");

        Assert.True(calibrate.ExitCode == 0, calibrate.Error);
        Assert.Matches(@"Calibrated isSame threshold .* of 30 genuine and .* of 30 impostor validation pairs right", calibrate.Output);
        CheckpointMetadata recorded = LocalCheckpointStore.ReadMetadata(outDir);
        Assert.Equal((DecisionThreshold.ImpostorCriterionName, 30, 30),
            (recorded.Threshold!.Criterion, recorded.Threshold.SamePairs, recorded.Threshold.DifferentPairs));
        Assert.Equal(2, recorded.Training.ImpostorsPerClass);

        TrainerRun uncalibrated = await TrainerRun.InvokeAsync(
            "evaluate", "--checkpoint", outDir, "--data", zip, "--threshold-on", "impostors");
        Assert.Equal(1, uncalibrated.ExitCode);   // a command-line error, as System.CommandLine reports one
        Assert.Contains("--threshold-on impostors says which pairs --calibrate chooses the threshold on", uncalibrated.Error);
    }

    [Fact]
    public void A_challenger_worse_on_the_impostor_trials_beyond_the_tolerance_is_not_promoted_and_the_summary_says_so()
    {
        var scores = new ChallengeScores("validation: 6 held-out classes", 6, 100, 0.9, "the default model", 0.8);

        Challenge lost = Challenge.Decided("default", scores, [], [], new ImpostorScores(3, 400, 240, 300, 0.02));
        Challenge held = Challenge.Decided("default", scores, [], [], new ImpostorScores(3, 400, 296, 300, 0.02));
        Challenge without = Challenge.Decided("default", scores, [], []);

        Assert.False(lost.Promoted);
        Assert.StartsWith("not promoted: 90.0 % (95 % CI ", lost.Summary);
        Assert.Contains("; impostor trials: 60.0 % (95 % CI 55.1–64.7) vs 75.0 % (70.5–79.0) on the same 400 trials", lost.Summary);
        Assert.EndsWith("more than 2.0 points worse", lost.Summary);
        Assert.True(held.Promoted);
        Assert.True(held.Impostors!.Held);
        Assert.Contains("impostor trials: 74.0 %", held.Reason);
        Assert.True(without.Promoted);
        Assert.Null(without.Impostors);
        Assert.DoesNotContain("impostor", without.Summary);
        Assert.Contains("\"impostors\"", JsonSerializer.Serialize(
            new PromotionDecision("r", "c", scores, false, lost.Summary, DateTimeOffset.UnixEpoch) { Impostors = lost.Impostors },
            Siamese.Storage.StorageJson.Default.PromotionDecision));
    }
}
