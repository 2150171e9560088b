using Azure.Storage.Blobs.Models;
using Siamese.Storage.Checkpoints;

namespace Siamese.Storage.Promotion;

/// <summary>
/// Each run's challenge, models/{runId}/promotion.json: written by the trainer at the end of the run, read back for one run
/// (the trainer, `siamese status`) or for every run of a model name, won and lost, newest first (the studio's models view;
/// not on any request path: it reads one document per run in storage).
/// </summary>
public sealed class PromotionDecisions(BlobCheckpointStore store, ResilientStorage storage)
{
    /// <summary>Runs read at most; a storage with more lists the decisions of the first ones in name order.</summary>
    public const int MaxRuns = 1000;

    private const int ParallelReads = 8;

    public Task WriteAsync(PromotionDecision decision, CancellationToken cancellationToken) =>
        storage.WriteAsync(Blob(decision.RunId), decision, StorageJson.Default.PromotionDecision, cancellationToken);

    /// <summary>The run's decision, or null when it has none (not decided yet, or not a run).</summary>
    public async Task<PromotionDecision?> ReadAsync(string runId, CancellationToken cancellationToken) =>
        (await storage.ReadAsync(Blob(runId), StorageJson.Default.PromotionDecision, cancellationToken))?.Value;

    public async Task<IReadOnlyList<PromotionDecision>> ListAsync(string model, int limit, CancellationToken cancellationToken)
    {
        string name = ModelName.Check(model);
        IReadOnlyList<string> runs = await RunIdsAsync(cancellationToken);
        var decisions = new PromotionDecision?[runs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, runs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, ct) => decisions[i] = await ReadAsync(runs[i], ct));
        return decisions.OfType<PromotionDecision>().Where(d => d.Model == name)
            .OrderByDescending(d => d.DecidedUtc).Take(limit).ToList();
    }

    private Azure.Storage.Blobs.BlobClient Blob(string runId) => store.Models.GetBlobClient(ModelPaths.RunPromotion(runId));

    private async Task<IReadOnlyList<string>> RunIdsAsync(CancellationToken cancellationToken) =>
        await storage.RunAsync(async ct =>
        {
            var runs = new List<string>();
            if (!await store.Models.ExistsAsync(ct)) return runs;
            await foreach (BlobHierarchyItem item in store.Models.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/",
                               prefix: null, ct))
            {
                if (!item.IsPrefix || item.Prefix == ModelPaths.ServedFolder) continue;
                runs.Add(item.Prefix.TrimEnd('/'));
                if (runs.Count == MaxRuns) break;
            }
            return runs;
        }, cancellationToken);
}
