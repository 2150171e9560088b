using Azure.Storage.Blobs.Models;
using Siamese.Storage.Checkpoints;

namespace Siamese.Storage.Promotion;

/// <summary>
/// The challenges decided for a model name, won and lost, newest first: each run's models/{runId}/promotion.json. Read for
/// a person (the studio's models view), not on any request path: it reads one document per run in storage.
/// </summary>
public sealed class PromotionDecisions(BlobCheckpointStore store, ResilientStorage storage)
{
    /// <summary>Runs read at most; a storage with more lists the decisions of the first ones in name order.</summary>
    public const int MaxRuns = 1000;

    private const int ParallelReads = 8;

    public async Task<IReadOnlyList<PromotionDecision>> ListAsync(string model, int limit, CancellationToken cancellationToken)
    {
        string name = ModelName.Check(model);
        IReadOnlyList<string> runs = await RunIdsAsync(cancellationToken);
        var decisions = new PromotionDecision?[runs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, runs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, ct) => decisions[i] = (await storage.ReadAsync(store.Models.GetBlobClient(ModelPaths.RunPromotion(runs[i])),
                StorageJson.Default.PromotionDecision, ct))?.Value);
        return decisions.OfType<PromotionDecision>().Where(d => d.Model == name)
            .OrderByDescending(d => d.DecidedUtc).Take(limit).ToList();
    }

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
