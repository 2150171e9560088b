using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Network;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Storage.Tests;

/// <summary>
/// Each model name's pointer moves by promotion and roll-back, keeps its history, and concurrent moves lose nothing; names are
/// independent, and the pointer from before names reads as `default`'s.
/// </summary>
[Collection(StorageCollection.Name)]
public class ServedModelsTests(StorageFixture storage) : IAsyncLifetime
{
    private static readonly ModelConfig Tiny = CheckpointFixture.Tiny;

    private ServedModels Served => storage.Get<ServedModels>();

    /// <summary>Each test starts from nothing promoted: the default model answers, and no other name exists.</summary>
    public async Task InitializeAsync()
    {
        var models = storage.Get<BlobCheckpointStore>().Models;
        await models.CreateIfNotExistsAsync();
        await models.GetBlobClient(ModelPaths.Served(ModelName.Default)).DeleteIfExistsAsync();
        var pointers = models.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None,
            ModelPaths.ServedFolder, CancellationToken.None);
        await foreach (var blob in pointers) await models.DeleteBlobIfExistsAsync(blob.Name);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Promotions_stack_up_and_each_roll_back_returns_to_the_model_served_before_down_to_the_default_model()
    {
        string first = await SaveRunAsync(), second = await SaveRunAsync();
        await Served.PromoteRunAsync(ModelName.Default, first, checkpoint: null, "first", CancellationToken.None);
        ServedModelPointer promoted =
            await Served.PromoteRunAsync(ModelName.Default, second, checkpoint: null, "second", CancellationToken.None);

        ServedModelPointer back = await Served.RollBackAsync(ModelName.Default, "bad answers", CancellationToken.None);
        ServedModelPointer toDefault = await Served.RollBackAsync(ModelName.Default, "still bad", CancellationToken.None);
        var nothingLeft = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Served.RollBackAsync(ModelName.Default, "again", CancellationToken.None));

        Assert.Equal(($"{second}/epoch-0001", "second", $"{first}/epoch-0001"),
            (promoted.Checkpoint, promoted.Reason, promoted.Previous?.Checkpoint));
        Assert.Equal(($"{first}/epoch-0001", $"rolled back from {second}/epoch-0001: bad answers"), (back.Checkpoint, back.Reason));
        Assert.True(toDefault.IsDefault);
        Assert.StartsWith($"rolled back from {first}/epoch-0001", toDefault.Reason);
        Assert.Equal("models.nothing-to-roll-back", nothingLeft.Code);
        Assert.Equal(toDefault.Checkpoint, (await Served.ReadAsync(ModelName.Default, CancellationToken.None))?.Checkpoint);
    }

    [Fact]
    public async Task The_history_keeps_the_last_twenty_models_served_before()
    {
        for (int i = 1; i <= ServedModelPointer.HistoryDepth + 3; i++)
        {
            string run = $"run-{i:D2}";
            await Served.PromoteAsync(ModelName.Default, $"{run}/epoch-0001", Metadata(run), $"promotion {i}", null, null,
                CancellationToken.None);
        }

        ServedModelPointer? pointer = await Served.ReadAsync(ModelName.Default, CancellationToken.None);
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
            Served.PromoteAsync(ModelName.Default, $"{run}/epoch-0001", Metadata(run), "promoted concurrently", null, null,
                CancellationToken.None))));

        var chain = new List<string>();
        for (ServedModelPointer? p = await Served.ReadAsync(ModelName.Default, CancellationToken.None); p is not null; p = p.Previous)
            chain.Add(p.RunId);
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
            Served.PromoteRunAsync(ModelName.Default, runId, checkpoint, "should not happen", CancellationToken.None));

        Assert.Equal(code, error.Code);
        Assert.Null(await Served.ReadAsync(ModelName.Default, CancellationToken.None));
    }

    [Fact]
    public async Task A_promotion_under_one_name_leaves_every_other_name_as_it_was_and_each_rolls_back_on_its_own()
    {
        string faces = await SaveRunAsync(), signatures = await SaveRunAsync();
        await Served.PromoteRunAsync("faces", faces, checkpoint: null, "first faces model", CancellationToken.None);
        await Served.PromoteRunAsync("signatures", signatures, checkpoint: null, "first signatures model", CancellationToken.None);

        IReadOnlyList<NamedModel> listed = await Served.ListAsync(CancellationToken.None);
        var firstOnly = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Served.RollBackAsync("faces", "no", CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<MissingInputException>(() =>
            Served.RollBackAsync("cars", "no", CancellationToken.None));

        Assert.Equal([ModelName.Default, "faces", "signatures"], listed.Select(m => m.Model));
        Assert.Null(listed[0].Pointer);
        Assert.Equal(($"{faces}/epoch-0001", "faces"), (listed[1].Pointer?.Checkpoint, listed[1].Pointer?.Model));
        Assert.Equal($"{signatures}/epoch-0001", (await Served.ReadAsync("signatures", CancellationToken.None))?.Checkpoint);
        Assert.Null(await Served.ReadAsync(ModelName.Default, CancellationToken.None));
        Assert.Equal("models.nothing-to-roll-back", firstOnly.Code);
        Assert.Equal("models.unknown-model", unknown.Code);
    }

    [Fact]
    public async Task The_single_pointer_from_before_names_is_the_default_names_and_its_challengers_answer_to_the_shipped_benchmark()
    {
        string run = await SaveRunAsync();
        const string before = "{\"checkpoint\": \"RUN/epoch-0001\", \"runId\": \"RUN\", \"epoch\": 1, \"reason\": \"old\", " +
                              "\"updatedUtc\": \"2026-12-01T00:00:00+00:00\"}";
        await storage.Get<BlobCheckpointStore>().Models.GetBlobClient("served.json")
            .UploadAsync(BinaryData.FromString(before.Replace("RUN", run, StringComparison.Ordinal)), overwrite: true);

        ServedModelPointer? pointer = await Served.ReadAsync(ModelName.Default, CancellationToken.None);

        Assert.Equal(($"{run}/epoch-0001", ModelName.Default), (pointer?.Checkpoint, pointer?.Model));
        Assert.Equal([ReferenceTrials.ShippedBenchmark], ServedModelPointer.ReferencesOf(ModelName.Default, pointer));
        Assert.Empty(ServedModelPointer.ReferencesOf("faces", pointer! with { Model = "faces" }));
    }

    [Theory]
    [InlineData("Faces")]
    [InlineData("-faces")]
    [InlineData("faces/../x")]
    [InlineData("a_b")]
    public async Task A_name_that_is_no_model_name_is_refused_with_the_rule(string name)
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Served.ReadAsync(name, CancellationToken.None));

        Assert.Equal("model.invalid-name", error.Code);
        Assert.Contains(ModelName.Rule, error.Message);
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
