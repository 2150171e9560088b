using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Network;
using Siamese.Storage.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Siamese.Storage.Tests;

/// <summary>Checkpoints in the models container: what is saved loads back as the same network, with its files and pointers.</summary>
[Collection(StorageCollection.Name)]
public class BlobCheckpointStoreTests(StorageFixture storage)
{
    private static readonly ModelConfig Tiny = CheckpointFixture.Tiny;

    private BlobCheckpointStore Store => storage.Get<BlobCheckpointStore>();

    [Fact]
    public async Task A_saved_checkpoint_loads_back_as_the_same_network_with_its_metadata_optimizer_state_and_pictures()
    {
        string runId = NewRunId();
        torch.manual_seed(11);
        using var network = new SiameseNetwork(Tiny);
        network.eval();
        byte[] optimizerState = [1, 2, 3, 4, 5];
        var curves = new CheckpointAttachment(CheckpointPictures.CurvesFile, "image/png", SampleImages.SomeCharacters(1)[0].Bytes);
        CheckpointMetadata metadata = CheckpointFixture.Metadata(Tiny) with { RunId = runId, Epoch = 2 };

        await Store.SaveAsync(network, optimizerState, metadata, isBest: true, [curves], CancellationToken.None);
        StoredCheckpoint loaded = (await Store.LoadAsync($"{runId}/epoch-0002", CancellationToken.None)).Rebuild(expected: Tiny);
        using SiameseNetwork loadedNetwork = loaded.Network;

        using var scope = NewDisposeScope();
        Tensor pairs = rand(4, 3, 64, 32);
        loadedNetwork.eval();
        Assert.True(network.call(pairs).eq(loadedNetwork.call(pairs)).all().item<bool>(), "the loaded network gives other outputs");
        Assert.Equal((runId, 2, Tiny), (loaded.Metadata.RunId, loaded.Metadata.Epoch, loaded.Metadata.Model));
        Assert.Equal(optimizerState, loaded.OptimizerState);
        CheckpointAttachment? picture = await Store.ReadAttachmentAsync(loaded.Name, CheckpointPictures.CurvesFile, CancellationToken.None);
        Assert.Equal("image/png", picture?.ContentType);
        Assert.Equal(curves.Content, picture?.Content);
        Assert.Null(await Store.ReadAttachmentAsync(loaded.Name, CheckpointPictures.ReportFile, CancellationToken.None));
    }

    [Fact]
    public async Task The_runs_pointers_name_its_latest_and_its_best_checkpoint()
    {
        string runId = NewRunId();
        using var network = new SiameseNetwork(Tiny);
        await SaveAsync(network, runId, epoch: 1, isBest: true);
        await SaveAsync(network, runId, epoch: 2, isBest: false);

        StoredCheckpoint? latest = (await Store.LoadRunLatestAsync(runId, CancellationToken.None))?.Rebuild(expected: Tiny);
        using SiameseNetwork? _ = latest?.Network;

        Assert.Equal($"{runId}/epoch-0002", latest?.Name);
        Assert.Equal($"{runId}/epoch-0001", await Store.FindCheckpointAsync(runId, checkpoint: null, CancellationToken.None));
        Assert.Equal($"{runId}/epoch-0002", await Store.FindCheckpointAsync(runId, "epoch-0002", CancellationToken.None));
        Assert.Null(await Store.FindCheckpointAsync(runId, "epoch-0003", CancellationToken.None));
        Assert.Null(await Store.LoadRunLatestAsync(NewRunId(), CancellationToken.None));
    }

    [Fact]
    public async Task A_checkpoint_of_another_configuration_or_one_that_is_missing_is_refused_with_a_code()
    {
        string runId = NewRunId();
        using var network = new SiameseNetwork(Tiny);
        await SaveAsync(network, runId, epoch: 1, isBest: true);

        var mismatch = await Assert.ThrowsAsync<InvalidInputException>(async () =>
            (await Store.LoadAsync($"{runId}/epoch-0001", CancellationToken.None)).Rebuild(expected: Tiny with { Width = 0.125 }));
        var missing = await Assert.ThrowsAsync<MissingInputException>(() =>
            Store.LoadAsync($"{runId}/epoch-0009", CancellationToken.None));

        Assert.Equal("checkpoint.config-mismatch", mismatch.Code);
        Assert.Equal("checkpoint.not-found", missing.Code);
    }

    private Task SaveAsync(SiameseNetwork network, string runId, int epoch, bool isBest)
    {
        CheckpointMetadata metadata = CheckpointFixture.Metadata(Tiny) with { RunId = runId, Epoch = epoch };
        return Store.SaveAsync(network, [], metadata, isBest, [], CancellationToken.None);
    }

    private static string NewRunId() => $"store-{Guid.NewGuid():N}"[..20];
}
