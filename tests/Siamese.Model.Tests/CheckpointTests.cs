using System.Text.Json;

namespace Siamese.Model.Tests;

public class CheckpointTests
{
    private static readonly ModelConfig Tiny = new() { Width = 0.125, BlocksPerStage = [1, 1, 1, 1] };

    [Theory]
    [InlineData(EcaKernelRule.Log2, DownsamplePadding.Symmetric)]
    [InlineData(EcaKernelRule.NaturalLog, DownsamplePadding.KerasSame)]
    public async Task Save_then_load_reproduces_the_outputs_bit_for_bit(EcaKernelRule eca, DownsamplePadding padding)
    {
        using var temp = new TempDirectory();
        torch.manual_seed(3);
        ModelConfig config = Tiny with { EcaKernels = eca, DownsamplePadding = padding };
        using var network = new SiameseNetwork(config);
        TrainAFewSteps(network);  // moves weights and BatchNorm statistics away from their initial values
        network.eval();
        await LocalCheckpointStore.SaveAsync(temp.Path, network, CheckpointFixture.Metadata(config), isBest: true);
        using var scope = NewDisposeScope();
        Tensor pairs = rand(6, 3, 64, 32);
        Tensor expected = network.call(pairs);

        var (loaded, metadata) = LocalCheckpointStore.Load(temp.Path);
        using var _ = loaded;

        Assert.True(TensorAssert.Same(expected, loaded.call(pairs)), "the loaded network must give identical outputs");
        Assert.Equal(config, metadata.Model);
        Assert.Equal((eca, padding), (metadata.Model.EcaKernels, metadata.Model.DownsamplePadding));
        Assert.Equal(1, metadata.Epoch);
        Assert.Equal(LibraryVersionsInUse.Current.TorchSharp, metadata.Libraries.TorchSharp);
    }

    /// <summary>
    /// A checkpoint made before the network's rules were recorded (the default model shipped until issue 18, trained with
    /// Log2 and Symmetric) builds with those rules: the shipped model, which uses them, with its rules taken out of its
    /// checkpoint.json, still scores its fixed probe input as it did when it was saved.
    /// </summary>
    [Fact]
    public void A_checkpoint_without_recorded_rules_loads_with_the_rules_the_earlier_default_model_was_trained_with()
    {
        using var temp = new TempDirectory();
        File.Copy(Path.Combine(DefaultModel.Folder, "model.weights"), Path.Combine(temp.Path, "model.weights"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(DefaultModel.Folder, "checkpoint.json")))!;
        Assert.True(json["model"]!.AsObject().Remove("ecaKernels") && json["model"]!.AsObject().Remove("downsamplePadding"));
        File.WriteAllText(Path.Combine(temp.Path, "checkpoint.json"), json.ToJsonString());

        var (network, metadata) = LocalCheckpointStore.Load(temp.Path);
        using var _ = network;

        Assert.Equal((EcaKernelRule.Log2, DownsamplePadding.Symmetric), (metadata.Model.EcaKernels, metadata.Model.DownsamplePadding));
        IReadOnlyList<float> recorded = metadata.ProbeScores!;
        IReadOnlyList<float> scores = CheckpointProbe.Scores(network);
        Assert.Equal(recorded.Count, scores.Count);
        for (int i = 0; i < scores.Count; i++) Assert.Equal(recorded[i], scores[i], 4);
    }

    [Fact]
    public async Task Load_refuses_a_checkpoint_of_another_configuration_with_a_clear_message()
    {
        using var temp = new TempDirectory();
        using var network = new SiameseNetwork(Tiny);
        await LocalCheckpointStore.SaveAsync(temp.Path, network, CheckpointFixture.Metadata(Tiny), isBest: false);
        var other = Tiny with { Width = 0.25 };

        var error = Assert.Throws<InvalidInputException>(() => LocalCheckpointStore.Load(temp.Path, expected: other));

        Assert.Equal("checkpoint.config-mismatch", error.Code);
        Assert.Contains("width 0.125", error.Message);
        Assert.Contains("width 0.25", error.Message);
    }

    [Fact]
    public async Task Load_refuses_weights_that_do_not_fit_the_configuration_in_the_metadata()
    {
        using var temp = new TempDirectory();
        using var network = new SiameseNetwork(Tiny);
        string directory = await LocalCheckpointStore.SaveAsync(temp.Path, network, CheckpointFixture.Metadata(Tiny), isBest: false);
        // Claim a wider model than the weights hold.
        string json = File.ReadAllText(Path.Combine(directory, CheckpointFormat.MetadataFile));
        File.WriteAllText(Path.Combine(directory, CheckpointFormat.MetadataFile), json.Replace("\"width\": 0.125", "\"width\": 0.25"));

        var error = Assert.Throws<InvalidInputException>(() => LocalCheckpointStore.Load(directory));

        Assert.Equal("checkpoint.weights-mismatch", error.Code);
    }

    [Fact]
    public async Task Pointers_name_the_latest_and_the_best_checkpoint()
    {
        using var temp = new TempDirectory();
        using var network = new SiameseNetwork(Tiny);
        await LocalCheckpointStore.SaveAsync(temp.Path, network, CheckpointFixture.Metadata(Tiny) with { Epoch = 1 }, isBest: true);
        await LocalCheckpointStore.SaveAsync(temp.Path, network, CheckpointFixture.Metadata(Tiny) with { Epoch = 2 }, isBest: false);

        string latestJson = File.ReadAllText(Path.Combine(temp.Path, CheckpointFormat.LatestPointer));
        var latest = JsonSerializer.Deserialize(latestJson, CheckpointJson.Default.CheckpointPointer)!;
        Assert.Equal("epoch-0002", latest.Checkpoint);
        Assert.Equal(Path.Combine(temp.Path, "epoch-0001"), LocalCheckpointStore.Resolve(temp.Path));
        var missing = Assert.Throws<MissingInputException>(() => LocalCheckpointStore.Resolve(temp.Combine("nothing-here")));
        Assert.Equal("checkpoint.not-found", missing.Code);
    }

    [Fact]
    public async Task A_checkpoint_is_written_files_first_then_its_metadata_then_the_pointers()
    {
        using var network = new SiameseNetwork(Tiny);
        var target = new RecordingTarget();
        var time = new FixedTime(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        CheckpointAttachment curves = new("curves.png", "image/png", [1, 2, 3]);

        string name = await new CheckpointWriter(target, time).WriteAsync(network, optimizerState: [9], CheckpointFixture.Metadata(Tiny),
            isBest: true, [curves], CancellationToken.None);

        Assert.Equal("epoch-0001", name);
        Assert.Equal(
        [
            ("epoch-0001", CheckpointFormat.WeightsFile, null),
            ("epoch-0001", CheckpointFormat.OptimizerFile, null),
            ("epoch-0001", "curves.png", "image/png"),
            ("epoch-0001", CheckpointFormat.MetadataFile, null),
            (null, CheckpointFormat.LatestPointer, null),
            (null, CheckpointFormat.BestPointer, null),
        ], target.Files.Select(f => (f.Checkpoint, f.FileName, f.ContentType)));
        var pointer = JsonSerializer.Deserialize(target.Files[^1].Content, CheckpointJson.Default.CheckpointPointer)!;
        Assert.Equal(("epoch-0001", time.GetUtcNow()), (pointer.Checkpoint, pointer.UpdatedUtc));
    }

    [Fact]
    public async Task Without_a_new_best_or_an_optimizer_state_the_writer_writes_neither()
    {
        using var network = new SiameseNetwork(Tiny);
        var target = new RecordingTarget();

        await new CheckpointWriter(target, TimeProvider.System).WriteAsync(network, optimizerState: null, CheckpointFixture.Metadata(Tiny),
            isBest: false, [], CancellationToken.None);

        Assert.Equal([CheckpointFormat.WeightsFile, CheckpointFormat.MetadataFile, CheckpointFormat.LatestPointer],
            target.Files.Select(f => f.FileName));
    }

    [Fact]
    public async Task An_attachment_cannot_replace_a_file_of_the_checkpoint_and_no_metadata_or_pointer_follows_it()
    {
        using var network = new SiameseNetwork(Tiny);
        var target = new RecordingTarget();
        CheckpointAttachment impostor = new(CheckpointFormat.MetadataFile, "application/json", []);

        await Assert.ThrowsAsync<ArgumentException>(() => new CheckpointWriter(target, TimeProvider.System).WriteAsync(network, null,
            CheckpointFixture.Metadata(Tiny), isBest: true, [impostor], CancellationToken.None));

        Assert.Equal([CheckpointFormat.WeightsFile], target.Files.Select(f => f.FileName));
    }

    private sealed record WrittenFile(string? Checkpoint, string FileName, byte[] Content, string? ContentType);

    private sealed class RecordingTarget : ICheckpointTarget
    {
        public List<WrittenFile> Files { get; } = [];

        public Task WriteAsync(string? checkpoint, string fileName, byte[] content, string? contentType,
            CancellationToken cancellationToken)
        {
            Files.Add(new WrittenFile(checkpoint, fileName, content, contentType));
            return Task.CompletedTask;
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static void TrainAFewSteps(SiameseNetwork network)
    {
        network.train();
        using var optimizer = optim.Adam(network.parameters(), lr: 1e-2);
        for (int i = 0; i < 3; i++)
        {
            using var scope = NewDisposeScope();
            Tensor loss = nn.functional.binary_cross_entropy_with_logits(network.Logits(rand(8, 3, 64, 32)), ones(8));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
    }
}
