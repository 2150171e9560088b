using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Network;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;
using Siamese.Testing;

namespace Siamese.Storage.Tests;

/// <summary>models/served.json moves by promotion and roll-back, keeps its history, and concurrent moves lose nothing.</summary>
[Collection(StorageCollection.Name)]
public class ServedModelsTests(StorageFixture storage) : IAsyncLifetime
{
    private static readonly ModelConfig Tiny = new() { Width = 0.0625, BlocksPerStage = [1, 1, 1, 1] };

    private ServedModels Served => storage.Get<ServedModels>();

    /// <summary>Each test starts from nothing promoted: the default model answers.</summary>
    public async Task InitializeAsync()
    {
        var models = storage.Get<BlobCheckpointStore>().Models;
        await models.CreateIfNotExistsAsync();
        await models.GetBlobClient(ModelPaths.Served).DeleteIfExistsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Promotions_stack_up_and_each_roll_back_returns_to_the_model_served_before_down_to_the_default_model()
    {
        string first = await SaveRunAsync(), second = await SaveRunAsync();
        await Served.PromoteRunAsync(first, checkpoint: null, "first", CancellationToken.None);
        ServedModelPointer promoted = await Served.PromoteRunAsync(second, checkpoint: null, "second", CancellationToken.None);

        ServedModelPointer back = await Served.RollBackAsync("bad answers", CancellationToken.None);
        ServedModelPointer toDefault = await Served.RollBackAsync("still bad", CancellationToken.None);
        var nothingLeft = await Assert.ThrowsAsync<InvalidInputException>(() => Served.RollBackAsync("again", CancellationToken.None));

        Assert.Equal(($"{second}/epoch-0001", "second", $"{first}/epoch-0001"),
            (promoted.Checkpoint, promoted.Reason, promoted.Previous?.Checkpoint));
        Assert.Equal(($"{first}/epoch-0001", $"rolled back from {second}/epoch-0001: bad answers"), (back.Checkpoint, back.Reason));
        Assert.True(toDefault.IsDefault);
        Assert.StartsWith($"rolled back from {first}/epoch-0001", toDefault.Reason);
        Assert.Equal("models.nothing-to-roll-back", nothingLeft.Code);
        Assert.Equal(toDefault.Checkpoint, (await Served.ReadAsync(CancellationToken.None))?.Checkpoint);
    }

    [Fact]
    public async Task The_history_keeps_the_last_twenty_models_served_before()
    {
        for (int i = 1; i <= ServedModelPointer.HistoryDepth + 3; i++)
        {
            string run = $"run-{i:D2}";
            await Served.PromoteAsync($"{run}/epoch-0001", Metadata(run), $"promotion {i}", scores: null, CancellationToken.None);
        }

        ServedModelPointer? pointer = await Served.ReadAsync(CancellationToken.None);
        var history = new List<string>();
        for (ServedModelPointer? p = pointer?.Previous; p is not null; p = p.Previous) history.Add(p.RunId);

        Assert.Equal("run-23", pointer?.RunId);
        Assert.Equal(Enumerable.Range(3, ServedModelPointer.HistoryDepth).Reverse().Select(i => $"run-{i:D2}"), history);
    }

    [Fact]
    public async Task Concurrent_promotions_all_land_in_the_history()
    {
        string[] runs = Enumerable.Range(1, 6).Select(i => $"concurrent-{i}").ToArray();

        await Task.WhenAll(runs.Select(run => Task.Run(() =>
            Served.PromoteAsync($"{run}/epoch-0001", Metadata(run), "promoted concurrently", scores: null, CancellationToken.None))));

        var chain = new List<string>();
        for (ServedModelPointer? p = await Served.ReadAsync(CancellationToken.None); p is not null; p = p.Previous) chain.Add(p.RunId);
        Assert.Equal(runs.Order(), chain.Order());
    }

    [Theory]
    [InlineData("0000000000000000-00000000", null, "models.not-found")]
    [InlineData("../served.json", null, "models.invalid-name")]
    [InlineData("some-run", "../../x", "models.invalid-name")]
    public async Task Promoting_a_run_that_does_not_exist_or_an_unsafe_name_is_refused_and_moves_nothing(
        string runId, string? checkpoint, string code)
    {
        var error = await Assert.ThrowsAnyAsync<InvalidInputException>(() =>
            Served.PromoteRunAsync(runId, checkpoint, "should not happen", CancellationToken.None));

        Assert.Equal(code, error.Code);
        Assert.Null(await Served.ReadAsync(CancellationToken.None));
    }

    private async Task<string> SaveRunAsync()
    {
        string runId = $"served-{Guid.NewGuid():N}"[..20];
        using var network = new SiameseNetwork(Tiny);
        await storage.Get<BlobCheckpointStore>().SaveAsync(network, [], Metadata(runId), isBest: true, [], CancellationToken.None);
        return runId;
    }

    private static CheckpointMetadata Metadata(string runId) => CheckpointFixture.Metadata(Tiny) with { RunId = runId };
}
