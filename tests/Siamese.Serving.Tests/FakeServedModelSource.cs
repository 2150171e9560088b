using Siamese.Model.Checkpoints;
using Siamese.Model.Network;
using Siamese.Serving.Provider;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Tests;

/// <summary>
/// The served pointers of every model name and the checkpoints they name, in memory: a test moves a name's pointer, makes
/// storage fail, and counts what the provider read and loaded. Checkpoints are real tiny networks.
/// </summary>
internal sealed class FakeServedModelSource(TimeProvider time) : IServedModelSource
{
    private readonly Dictionary<string, ServedModelPointer> pointers = new(StringComparer.Ordinal);

    /// <summary>What every call throws while set: storage unreachable.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Pointer reads, of every name.</summary>
    public int Reads { get; private set; }

    public List<string> ReadNames { get; } = [];
    public List<string> Loaded { get; } = [];

    /// <summary>Promotes epoch 1 of <paramref name="runId"/> under <paramref name="model"/>, as an operator or a challenge would.</summary>
    public void Serve(string runId, string model = ModelName.Default) =>
        pointers[model] = new ServedModelPointer($"{runId}/epoch-0001", runId, 1, "promoted by a test", time.GetUtcNow())
        {
            Model = model,
            Previous = pointers.GetValueOrDefault(model),
        };

    /// <summary>Deletes a name's pointer (by hand, in storage): the name serves nothing any more.</summary>
    public void Forget(string model) => pointers.Remove(model);

    /// <summary>Rolls `default` back to the default model shipped with the app.</summary>
    public void ServeDefault() =>
        pointers[ModelName.Default] = new ServedModelPointer(
            ServedModelPointer.DefaultModel, ServedModelPointer.DefaultModel, 0, "rolled back", time.GetUtcNow())
        {
            Previous = pointers.GetValueOrDefault(ModelName.Default),
        };

    public Task<ServedModelPointer?> ReadPointerAsync(string model, CancellationToken cancellationToken)
    {
        Reads++;
        ReadNames.Add(model);
        if (Failure is not null) throw Failure;
        return Task.FromResult(pointers.GetValueOrDefault(model));
    }

    public Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken)
    {
        if (Failure is not null) throw Failure;
        IReadOnlyList<string> names =
            [ModelName.Default, .. pointers.Keys.Where(n => n != ModelName.Default).Order(StringComparer.Ordinal)];
        return Task.FromResult(names);
    }

    public Task<StoredCheckpoint> LoadCheckpointAsync(string checkpoint, CancellationToken cancellationToken)
    {
        if (Failure is not null) throw Failure;
        Loaded.Add(checkpoint);
        string runId = checkpoint.Split('/')[0];
        var network = new SiameseNetwork(CheckpointFixture.Tiny);
        CheckpointMetadata metadata = CheckpointFixture.Metadata(CheckpointFixture.Tiny) with { RunId = runId };
        return Task.FromResult(new StoredCheckpoint(checkpoint, network, metadata, null));
    }
}
