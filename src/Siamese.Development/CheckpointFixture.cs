using Siamese.Model.Checkpoints;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Storage.Checkpoints;

namespace Siamese.Development;

public static class CheckpointFixture
{
    public static CheckpointMetadata Metadata(ModelConfig config) => new()
    {
        RunId = "fixture",
        Epoch = 1,
        CreatedUtc = DateTimeOffset.UtcNow,
        Model = config,
        Preprocessing = new PreprocessingInfo(ColorModeExtensions.FromChannels(config.InputChannels), 130, 105, config.ImageSize),
        Data = new DataInfo("0000000000000000", "fixture.zip", 2, 0, 4),
        Metrics = new MetricsInfo(0.69, null, 0, 0),
        Training = new TrainingInfo(1, 4, 1e-4, 0.01, 10, 10, 0, 42, 1),
        Device = "cpu",
        WallTimeSeconds = 0,
        Libraries = LibraryVersionsInUse.Current,
    };

    /// <summary>The smallest network worth saving: for tests of a command's wiring, not of its answers.</summary>
    public static readonly ModelConfig Tiny = new() { Width = 0.0625, BlocksPerStage = [1, 1, 1, 1] };

    /// <summary>Saves an untrained <see cref="Tiny"/> network as the best checkpoint of a local run folder.</summary>
    public static async Task SaveTinyAsync(string folder)
    {
        using var network = new SiameseNetwork(Tiny);
        await LocalCheckpointStore.SaveAsync(folder, network, Metadata(Tiny), isBest: true);
    }

    /// <summary>Writes a checkpoint of <paramref name="network"/> into the models container as the trainer does.</summary>
    public static async Task SaveAsync(this BlobCheckpointStore store, SiameseNetwork network, byte[]? optimizerState,
        CheckpointMetadata metadata, bool isBest, IReadOnlyList<CheckpointAttachment> attachments, CancellationToken cancellationToken) =>
        await new CheckpointWriter(await store.OpenRunAsync(metadata.RunId, cancellationToken), TimeProvider.System)
            .WriteAsync(network, optimizerState, metadata, isBest, attachments, cancellationToken);
}
