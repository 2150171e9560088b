using Microsoft.Extensions.Logging.Abstractions;

namespace Siamese.Model.Tests;

public class TrainingTests
{
    [Fact]
    public async Task A_tiny_model_reaches_a_clearly_lower_loss_after_a_few_dozen_steps_on_real_omniglot_pairs()
    {
        using var temp = new TempDirectory();
        var training = new TrainingOptions
        {
            Epochs = 8, BatchSize = 32, LearningRate = 1e-3, ValidationFraction = 0, Seed = 11, ProgressIntervalSeconds = 60,
        };
        var sampling = new PairSamplingOptions();
        string zip = TestData.SmallOmniglotZip(temp, classes: 16, perClass: 20);
        TrainingData data = new TrainingDataBuilder(NullLogger<TrainingDataBuilder>.Instance)
            .Build(zip, 32, ColorMode.Grayscale, new JitterOptions(), sampling, training, CancellationToken.None);
        torch.manual_seed(11);
        using var network = new SiameseNetwork(new ModelConfig { InputChannels = 1, Width = 0.125, BlocksPerStage = [1, 1, 1, 1] });
        var run = new TrainingRun("loss-test", network, data.Pairs, null, training, sampling, data.Preprocessing, data.Info);

        TrainingResult result = await new SiameseTrainer(NullLogger<SiameseTrainer>.Instance)
            .TrainAsync(run, new LocalCheckpointSink(temp.Combine("run")), CancellationToken.None);

        Assert.Equal(80, result.StepLosses.Count);   // 320 pairs / 32 per step x 8 epochs
        double start = result.StepLosses.Take(10).Average(), end = result.StepLosses.TakeLast(10).Average();
        Assert.True(end < start - 0.1, $"loss should fall clearly: first ten steps {start:F3}, last ten {end:F3}");
        Assert.Equal(8, result.Epochs.Count);
        Assert.True(File.Exists(temp.Combine("run", "epoch-0008", "checkpoint.json")));
    }

    [Fact]
    public async Task A_picture_that_cannot_be_drawn_is_left_out_and_the_checkpoint_is_saved_with_its_history()
    {
        using var temp = new TempDirectory();
        var training = new TrainingOptions { Epochs = 2, BatchSize = 16, ValidationFraction = 0, ProgressIntervalSeconds = 60 };
        var sampling = new PairSamplingOptions { PositivesPerClass = 2, NegativesPerClass = 2 };
        TrainingData data = Build(TestData.SmallOmniglotZip(temp, 6, 5), sampling, training);
        using var network = new SiameseNetwork(new ModelConfig { InputChannels = 1, Width = 0.0625, BlocksPerStage = [1, 1, 1, 1] });
        var trainer = new SiameseTrainer(NullLogger<SiameseTrainer>.Instance, attachments: new PicturesThatFail());

        TrainingResult result = await trainer.TrainAsync(Run("no-pictures", network, data, sampling, training),
            new LocalCheckpointSink(temp.Path), CancellationToken.None);

        Assert.Equal(2, result.Epochs.Count);
        string checkpoint = temp.Combine("epoch-0002");
        Assert.True(File.Exists(Path.Combine(checkpoint, CheckpointFormat.MetadataFile)));
        Assert.False(File.Exists(Path.Combine(checkpoint, CheckpointPictures.CurvesFile)));
        byte[] historyJson = File.ReadAllBytes(Path.Combine(checkpoint, TrainingHistory.FileName));
        var history = System.Text.Json.JsonSerializer.Deserialize(historyJson, CheckpointJson.Default.TrainingHistory)!;
        Assert.Equal(result.StepLosses, history.StepLosses);
        Assert.Equal(result.Epochs.Select(e => e.TrainLoss), history.Epochs.Select(e => e.TrainLoss));
    }

    /// <summary>Pictures whose drawing fails, as a renderer can (a missing native library, say).</summary>
    private sealed class PicturesThatFail : ICheckpointAttachments
    {
        public IReadOnlyList<CheckpointAttachment> Create(TrainingProgress progress) =>
            throw new InvalidOperationException("the canvas could not be created");
    }

    [Fact]
    public async Task Training_stops_at_the_step_limit_and_honours_cancellation()
    {
        using var temp = new TempDirectory();
        var training = new TrainingOptions
        {
            Epochs = 3, BatchSize = 16, MaxSteps = 5, ValidationFraction = 0, ProgressIntervalSeconds = 60,
        };
        var sampling = new PairSamplingOptions { PositivesPerClass = 4, NegativesPerClass = 4 };
        TrainingData data = Build(TestData.SmallOmniglotZip(temp, 6, 5), sampling, training);
        using var network = new SiameseNetwork(new ModelConfig { InputChannels = 1, Width = 0.0625, BlocksPerStage = [1, 1, 1, 1] });
        var trainer = new SiameseTrainer(NullLogger<SiameseTrainer>.Instance);

        var limited = await trainer.TrainAsync(Run("limit", network, data, sampling, training),
            new LocalCheckpointSink(temp.Combine("limited")), CancellationToken.None);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.Equal(5, limited.StepLosses.Count);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trainer.TrainAsync(
            Run("cancel", network, data, sampling, training), new LocalCheckpointSink(temp.Combine("cancelled")), cancelled.Token));
    }

    [Fact]
    public async Task Training_steps_leave_no_tensors_behind()
    {
        using var temp = new TempDirectory();
        var sampling = new PairSamplingOptions { PositivesPerClass = 10, NegativesPerClass = 10 };
        var options = new TrainingOptions { Epochs = 100, BatchSize = 8, ValidationFraction = 0, ProgressIntervalSeconds = 60 };
        TrainingData data = Build(TestData.SmallOmniglotZip(temp, 4, 6), sampling, options);
        using var network = new SiameseNetwork(new ModelConfig { InputChannels = 1, Width = 0.0625, BlocksPerStage = [1, 1, 1, 1] });
        var trainer = new SiameseTrainer(NullLogger<SiameseTrainer>.Instance);
        long LiveTensors() => DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Task Train(int steps, string name) => trainer.TrainAsync(
            Run(name, network, data, sampling, new TrainingOptions
            {
                Epochs = 100, BatchSize = 8, MaxSteps = steps, ValidationFraction = 0, ProgressIntervalSeconds = 60,
            }),
            new LocalCheckpointSink(temp.Combine(name)), CancellationToken.None);

        long start = LiveTensors();
        await Train(5, "short");
        long afterShort = LiveTensors();
        await Train(50, "long");
        long afterLong = LiveTensors();

        Assert.True(afterLong - afterShort <= afterShort - start,
            $"50 steps left {afterLong - afterShort} live tensors, 5 steps {afterShort - start}: something is not disposed per step");
    }

    [Fact]
    public async Task Resuming_from_a_checkpoint_continues_the_epochs_and_the_optimizer_as_if_never_interrupted()
    {
        using var temp = new TempDirectory();
        var sampling = new PairSamplingOptions { PositivesPerClass = 4, NegativesPerClass = 4 };
        var twoEpochs = new TrainingOptions
        {
            Epochs = 2, BatchSize = 8, LearningRate = 1e-3, ValidationFraction = 0, ProgressIntervalSeconds = 60,
        };
        TrainingData data = Build(TestData.SmallOmniglotZip(temp, 6, 6), sampling, twoEpochs);
        var config = new ModelConfig { InputChannels = 1, Width = 0.0625, BlocksPerStage = [1, 1, 1, 1] };
        var trainer = new SiameseTrainer(NullLogger<SiameseTrainer>.Instance);
        TrainingRun ResumeRun(SiameseNetwork network, TrainingOptions options) => Run("resume", network, data, sampling, options);

        torch.manual_seed(5);
        using var straight = new SiameseNetwork(config);
        await trainer.TrainAsync(ResumeRun(straight, twoEpochs), new LocalCheckpointSink(temp.Combine("straight")), CancellationToken.None);

        torch.manual_seed(5);
        var oneEpoch = new TrainingOptions { Epochs = 1, BatchSize = 8, LearningRate = 1e-3, ValidationFraction = 0 };
        using (var interrupted = new SiameseNetwork(config))
            await trainer.TrainAsync(ResumeRun(interrupted, oneEpoch), new LocalCheckpointSink(temp.Combine("resumed")),
                CancellationToken.None);
        var (resumed, first) = LocalCheckpointStore.Load(temp.Combine("resumed", "epoch-0001"));
        using var _ = resumed;
        byte[] optimizerState = File.ReadAllBytes(temp.Combine("resumed", "epoch-0001", CheckpointFormat.OptimizerFile));
        var resumePoint = new ResumePoint(first.Epoch, first.Training.Steps, double.NegativeInfinity, optimizerState);
        await trainer.TrainAsync(ResumeRun(resumed, twoEpochs) with { ResumeFrom = resumePoint },
            new LocalCheckpointSink(temp.Combine("resumed")), CancellationToken.None);

        var (_, second) = LocalCheckpointStore.Load(temp.Combine("resumed", "epoch-0002"));
        Assert.Equal(1, second.ResumedFromEpoch);
        Assert.Equal(2 * first.Training.Steps, second.Training.Steps);
        Assert.True(MaxDifference(straight, resumed) < 1e-5,
            $"resumed weights differ from uninterrupted ones by {MaxDifference(straight, resumed)}");

        // The same resume with a fresh optimizer (its moments lost) ends elsewhere: the check above can fail.
        torch.manual_seed(5);
        var (fresh, _) = LocalCheckpointStore.Load(temp.Combine("resumed", "epoch-0001"));
        using var __ = fresh;
        using var blank = optim.Adam(fresh.parameters());
        var freshStart = resumePoint with { OptimizerState = OptimizerSerializer.ToBytes(blank) };
        await trainer.TrainAsync(ResumeRun(fresh, twoEpochs) with { ResumeFrom = freshStart },
            new LocalCheckpointSink(temp.Combine("fresh")), CancellationToken.None);
        Assert.True(MaxDifference(straight, fresh) > 1e-4,
            $"a lost optimizer state should show: difference {MaxDifference(straight, fresh)}");
    }

    private static TrainingData Build(string zip, PairSamplingOptions sampling, TrainingOptions training) =>
        new TrainingDataBuilder(NullLogger<TrainingDataBuilder>.Instance)
            .Build(zip, 32, ColorMode.Grayscale, new JitterOptions(), sampling, training, CancellationToken.None);

    private static TrainingRun Run(string runId, SiameseNetwork network, TrainingData data, PairSamplingOptions sampling,
        TrainingOptions training) =>
        new(runId, network, data.Pairs, null, training, sampling, data.Preprocessing, data.Info);

    private static double MaxDifference(SiameseNetwork a, SiameseNetwork b)
    {
        using var scope = NewDisposeScope();
        return a.parameters().Zip(b.parameters()).Max(p => (p.First - p.Second).abs().max().item<float>());
    }
}
