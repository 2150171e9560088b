using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Siamese.Model.Checkpoints;
using Siamese.Model.Imaging;
using Siamese.Model.Training;
using Siamese.Reports.Charts;
using Siamese.Testing;

namespace Siamese.Trainer.Tests;

public class TrainAndEvaluateTests
{
    /// <summary>A network small enough to train in seconds: width 1/16, one residual block per stage.</summary>
    private static readonly string[] TinyNetwork = ["--width", "0.0625", "--blocks", "1,1,1,1"];

    [Fact]
    public async Task Train_writes_checkpoints_that_evaluate_scores_on_the_400_omniglot_one_shot_trials()
    {
        using var temp = new TempDirectory();
        string outDir = temp.Combine("run");

        await TrainOnPairsAsync(TestData.SmallOmniglotZip(temp, classes: 24, perClass: 6), outDir, epochs: 2, validationTrials: 20);

        Assert.True(File.Exists(Path.Combine(outDir, "epoch-0001", "model.weights")));
        Assert.True(File.Exists(Path.Combine(outDir, "epoch-0002", "checkpoint.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "latest.json")));
        foreach (string epoch in new[] { "epoch-0001", "epoch-0002" })
        {
            // Each checkpoint carries the run's curves so far and the report of its validation trials.
            byte[] curves = File.ReadAllBytes(Path.Combine(outDir, epoch, CheckpointPictures.CurvesFile));
            PictureAssert.IsPicture(curves, TrainingCurves.Width, 2 * TrainingCurves.PanelHeight, $"{epoch}'s curves");
            string report = File.ReadAllText(Path.Combine(outDir, epoch, CheckpointPictures.ReportFile));
            PictureAssert.IsSelfContained(report);
            Assert.Contains("<h3>trials 1-20: ", report);
            foreach (var (png, width, height, alt) in PictureAssert.EmbeddedImages(report))
                PictureAssert.IsPicture(png, width, height, $"{epoch}'s {alt}");
        }
        TrainingHistory history = JsonSerializer.Deserialize(
            File.ReadAllBytes(Path.Combine(outDir, "epoch-0002", TrainingHistory.FileName)), CheckpointJson.Default.TrainingHistory)!;
        Assert.Equal([1, 2], history.Epochs.Select(e => e.Epoch));
        Assert.Equal(history.Epochs[^1].Steps, history.StepLosses.Count);

        TrainerRun evaluate =
            await TrainerRun.InvokeAsync("evaluate", "--checkpoint", Path.Combine(outDir, "epoch-0002"), "--runs", SampleImages.AllRuns);

        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Match match = Regex.Match(evaluate.Output, @"20-way one-shot accuracy: (\d+\.\d+) % \(95 % CI .* (\d+)/400 trials");
        Assert.True(match.Success, evaluate.Output);
        Assert.Equal(double.Parse(match.Groups[2].Value) / 4, Number(match.Groups[1]), 2);
    }

    [Fact]
    public async Task Train_with_a_recipe_takes_its_values_lets_options_override_them_and_records_it()
    {
        using var temp = new TempDirectory();
        string outDir = temp.Combine("run");

        TrainerRun train = await TrainerRun.InvokeAsync(["train", "--data", TestData.SmallOmniglotZip(temp, classes: 12, perClass: 6),
            "--out", outDir, "--recipe", "inbatch", "--epochs", "1", "--steps-per-epoch", "2", "--classes-per-batch", "8", .. TinyNetwork]);

        Assert.True(train.ExitCode == 0, train.Error);
        CheckpointMetadata metadata = ReadMetadata(Path.Combine(outDir, "epoch-0001"));
        Assert.Equal("inbatch", metadata.Recipe!.Name);
        Assert.Equal((TrainingObjective.InBatch, LearningRateSchedule.Cosine, 0.1, 2L),
            (metadata.Training.Objective, metadata.Training.Schedule, metadata.Training.BatchNormMomentum, metadata.Training.Steps));
        Assert.Equal((ColorMode.Grayscale, Resampler.Area), (metadata.Preprocessing.ColorMode, metadata.Preprocessing.Resampler));
        Assert.Equal(0.0625, metadata.Model.Width);                                          // the option over the recipe
        Assert.Equal("2", metadata.Recipe.Overrides["Training:StepsPerEpoch"]);
    }

    [Fact]
    public async Task Evaluate_held_out_scores_a_checkpoint_on_its_own_validation_trials_and_calibrates_the_same_threshold()
    {
        using var temp = new TempDirectory();
        string zip = TestData.SmallOmniglotZip(temp, classes: 24, perClass: 6);
        string outDir = temp.Combine("run");
        await TrainOnPairsAsync(zip, outDir, epochs: 1, validationTrials: 40);
        CheckpointMetadata trained = ReadMetadata(Path.Combine(outDir, "epoch-0001"));

        TrainerRun evaluate =
            await TrainerRun.InvokeAsync("evaluate", "--checkpoint", outDir, "--data", zip, "--held-out", "--calibrate", "--record");

        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Match match = Regex.Match(evaluate.Output,
            @"(\d+)-way one-shot accuracy: (\d+\.\d+) % .* (\d+)/(\d+) trials, validation: 6 held-out classes");
        Assert.True(match.Success, evaluate.Output);
        Assert.Equal((trained.Metrics.ValidationWays, 40), (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[4].Value)));
        Assert.Equal(trained.Metrics.ValidationAccuracy!.Value * 100, Number(match.Groups[2]), 2);
        CheckpointMetadata recorded = ReadMetadata(Path.Combine(outDir, "epoch-0001"));
        Assert.Equal(trained.Threshold, recorded.Threshold);   // the same trials and scores: the same threshold as training chose
        Assert.Null(recorded.Test);                             // validation trials are not a test

        TrainerRun otherData =
            await TrainerRun.InvokeAsync("evaluate", "--checkpoint", outDir, "--data", SampleImages.Background2, "--held-out");
        otherData.AssertRefused("is not the data the checkpoint was trained on");
    }

    [Fact]
    public async Task Evaluate_held_out_splits_as_training_did_when_it_held_out_at_least_a_floor_of_classes()
    {
        using var temp = new TempDirectory();
        string zip = TestData.SmallOmniglotZip(temp, classes: 24, perClass: 6);
        string outDir = temp.Combine("run");
        // A quarter of 24 is 6; the floor of 10 (up to half) holds out 10.
        await TrainOnPairsAsync(zip, outDir, epochs: 1, validationTrials: 20, "--min-validation-classes", "10");
        CheckpointMetadata trained = ReadMetadata(Path.Combine(outDir, "epoch-0001"));

        TrainerRun evaluate = await TrainerRun.InvokeAsync("evaluate", "--checkpoint", outDir, "--data", zip, "--held-out");

        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Equal((10, 10, 14), (trained.Training.MinValidationClasses, trained.Data.ValidationClasses, trained.Data.TrainingClasses));
        Match match = Regex.Match(evaluate.Output, @"(\d+)-way one-shot accuracy: (\d+\.\d+) % .* trials, validation: 10 held-out classes");
        Assert.True(match.Success, evaluate.Output);
        Assert.Equal(trained.Metrics.ValidationAccuracy!.Value * 100, Number(match.Groups[2]), 2);
    }

    [Fact]
    public async Task Evaluate_samples_n_way_trials_from_any_folder_per_class_set()
    {
        using var temp = new TempDirectory();
        string outDir = temp.Combine("run");
        TrainerRun train = await TrainerRun.InvokeAsync(["train", "--data", TestData.SmallOmniglotZip(temp, 8, 4), "--out", outDir,
            "--epochs", "1", "--validation-fraction", "0", .. TinyNetwork]);
        Assert.True(train.ExitCode == 0, train.Error);

        TrainerRun evaluate = await TrainerRun.InvokeAsync(
            "evaluate", "--checkpoint", outDir, "--data", SampleImages.Background2, "--ways", "5", "--trials", "40");

        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Matches(@"5-way one-shot accuracy: .*/40 trials", evaluate.Output);
    }

    [Fact]
    public async Task In_batch_training_on_merged_archives_records_its_recipe_and_evaluate_records_5_way_accuracy_and_roc_auc()
    {
        using var temp = new TempDirectory();
        string outDir = temp.Combine("run");
        TrainerRun train = await TrainerRun.InvokeAsync([
            "train", "--data", TestData.SmallOmniglotZip(temp, 12, 5), "--data", SampleImages.Background2, "--out", outDir,
            "--objective", "InBatch", "--classes-per-batch", "6", "--images-per-class", "3", "--steps-per-epoch", "3", "--epochs", "2",
            "--rotated-classes", "true", "--affine", "1", "--schedule", "Cosine", "--bn-momentum", "0.1", "--patience", "1",
            "--resampler", "Area", "--color", "Grayscale", "--validation-trials", "20", .. TinyNetwork]);
        Assert.True(train.ExitCode == 0, train.Error);

        string checkpoint = Path.Combine(outDir, "epoch-0001");
        JsonElement metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(checkpoint, "checkpoint.json"))).RootElement;
        JsonElement training = metadata.GetProperty("training");
        Assert.Equal("InBatch", training.GetProperty("objective").GetString());
        Assert.Equal(6, training.GetProperty("classesPerBatch").GetInt32());
        Assert.True(training.GetProperty("rotatedClasses").GetBoolean());
        Assert.Equal("Area", metadata.GetProperty("preprocessing").GetProperty("resampler").GetString());
        Assert.Contains("+", metadata.GetProperty("data").GetProperty("source").GetString());

        TrainerRun evaluate =
            await TrainerRun.InvokeAsync("evaluate", "--checkpoint", checkpoint, "--runs", SampleImages.AllRuns, "--record");

        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Match twenty = Regex.Match(evaluate.Output, @"20-way one-shot accuracy: (\d+\.\d+) %");
        Match five = Regex.Match(evaluate.Output, @"5-way one-shot accuracy: (\d+\.\d+) % \(95 % CI .* (\d+)/400 trials");
        Match auc = Regex.Match(evaluate.Output, @"Verification ROC AUC: (\d\.\d+) \(400 same-class and 7,600 different-class pairs");
        Assert.True(twenty.Success && five.Success && auc.Success, evaluate.Output);
        JsonElement test = JsonDocument.Parse(File.ReadAllText(Path.Combine(checkpoint, "checkpoint.json"))).RootElement
            .GetProperty("test");
        Assert.Equal(Number(twenty.Groups[1]) / 100, test.GetProperty("accuracy").GetDouble(), 4);
        Assert.Equal(Number(five.Groups[1]) / 100, test.GetProperty("fewerWaysAccuracy").GetDouble(), 4);
        Assert.Equal(Number(auc.Groups[1]), test.GetProperty("rocAuc").GetDouble(), 4);
    }

    /// <summary>
    /// Trains <see cref="TinyNetwork"/> on rendered pairs (2 + 2 per class, batch 32), a quarter of the classes held out.
    /// </summary>
    private static async Task TrainOnPairsAsync(string zip, string outDir, int epochs, int validationTrials, params string[] more)
    {
        TrainerRun train = await TrainerRun.InvokeAsync(["train", "--data", zip, "--out", outDir, "--epochs", $"{epochs}",
            "--pairs-per-class", "2", "--batch-size", "32", "--validation-fraction", "0.25", "--validation-trials", $"{validationTrials}",
            .. TinyNetwork, .. more]);
        Assert.True(train.ExitCode == 0, train.Error);
    }

    private static CheckpointMetadata ReadMetadata(string checkpoint) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(checkpoint, CheckpointFormat.MetadataFile)),
            CheckpointJson.Default.CheckpointMetadata)!;

    private static double Number(Group group) => double.Parse(group.Value, CultureInfo.InvariantCulture);
}
