using Siamese.Model.Network;
using Siamese.Serving.Provider;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;
using Siamese.Testing;

namespace Siamese.Serving.Tests;

/// <summary>
/// models/served.json and the checkpoints it names, in memory: a test moves the pointer, makes storage fail, and counts
/// what the provider read and loaded. Checkpoints are real tiny networks.
/// </summary>
internal sealed class FakeServedModelSource(TimeProvider time) : IServedModelSource
{
    public static readonly ModelConfig Tiny = new() { Width = 0.0625, BlocksPerStage = [1, 1, 1, 1] };

    private ServedModelPointer? pointer;

    /// <summary>What every call throws while set: storage unreachable.</summary>
    public Exception? Failure { get; set; }

    public int Reads { get; private set; }
    public List<string> Loaded { get; } = [];

    /// <summary>Promotes epoch 1 of <paramref name="runId"/>, as an operator or a won challenge would.</summary>
    public void Serve(string runId) =>
        pointer = new ServedModelPointer($"{runId}/epoch-0001", runId, 1, "promoted by a test", time.GetUtcNow()) { Previous = pointer };

    /// <summary>Rolls back to the default model shipped with the app.</summary>
    public void ServeDefault() =>
        pointer = new ServedModelPointer(
            ServedModelPointer.DefaultModel, ServedModelPointer.DefaultModel, 0, "rolled back", time.GetUtcNow())
        {
            Previous = pointer,
        };

    public Task<ServedModelPointer?> ReadPointerAsync(CancellationToken cancellationToken)
    {
        Reads++;
        if (Failure is not null) throw Failure;
        return Task.FromResult(pointer);
    }

    public Task<StoredCheckpoint> LoadCheckpointAsync(string checkpoint, CancellationToken cancellationToken)
    {
        if (Failure is not null) throw Failure;
        Loaded.Add(checkpoint);
        string runId = checkpoint.Split('/')[0];
        var network = new SiameseNetwork(Tiny);
        return Task.FromResult(new StoredCheckpoint(checkpoint, network, CheckpointFixture.Metadata(Tiny) with { RunId = runId }, null));
    }
}
