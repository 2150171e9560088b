using Siamese.Development;
using Siamese.Model.Checkpoints;
using Siamese.Model.Network;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;
using static TorchSharp.torch;

namespace Siamese.Bench;

/// <summary>Saves a new (untrained) checkpoint as a run of its own and promotes it, as an operator's promote would.</summary>
internal static class CheckpointPublisher
{
    public static async Task PublishAsync(BlobCheckpointStore store, ServedModels served, string runId, ModelConfig config, string reason)
    {
        using var network = new SiameseNetwork(config);
        using var optimizer = optim.Adam(network.parameters());
        var metadata = CheckpointFixture.Metadata(config) with { RunId = runId, ProbeScores = CheckpointProbe.Scores(network) };
        await store.SaveAsync(network, OptimizerSerializer.ToBytes(optimizer), metadata, isBest: true, [], CancellationToken.None);
        await served.PromoteRunAsync(ModelName.Default, runId, checkpoint: null, reason, CancellationToken.None);
    }
}
