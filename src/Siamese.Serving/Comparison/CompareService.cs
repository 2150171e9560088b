using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Siamese.Serving.Http;
using Siamese.Serving.Models;

namespace Siamese.Serving.Comparison;

/// <summary>"How similar are these two images", one pair or many, with the newest model.</summary>
public sealed class CompareService(ModelProvider models, Embedder embedder, IOptions<ServingOptions> options)
{
    public async Task<CompareResponse> CompareAsync(ImageUpload first, ImageUpload second, CancellationToken cancellationToken)
    {
        BatchCompareResponse batch = await CompareManyAsync([(first, second)], cancellationToken);
        PairResult result = batch.Results[0];
        return new CompareResponse(result.Similarity, result.IsSame, batch.Threshold, batch.Model, batch.Timing);
    }

    public async Task<BatchCompareResponse> CompareManyAsync(IReadOnlyList<(ImageUpload First, ImageUpload Second)> pairs, CancellationToken cancellationToken)
    {
        ServingOptions settings = options.Value;
        if (pairs.Count == 0)
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "batch.empty", "The batch has no pairs.");
        if (pairs.Count > settings.MaxPairsPerBatch)
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "batch.too-many-pairs", $"The batch has {pairs.Count} pairs; the limit is {settings.MaxPairsPerBatch}.");

        var clock = Stopwatch.StartNew();
        using ModelLease lease = await models.AcquireAsync(cancellationToken);
        ServedModel model = lease.Model;
        float[][] embeddings = embedder.Embed(model, pairs.SelectMany(p => new[] { p.First, p.Second }).ToList(), cancellationToken);
        double embedMs = clock.Elapsed.TotalMilliseconds;
        float[] similarities = Embedder.Similarities(model, embeddings.Where((_, i) => i % 2 == 0).ToList(), embeddings.Where((_, i) => i % 2 == 1).ToList());
        double totalMs = clock.Elapsed.TotalMilliseconds;

        var results = similarities.Select(s => new PairResult(Math.Round(s, 6), s >= settings.Threshold)).ToList();
        return new BatchCompareResponse(results, settings.Threshold, Describe(model), new Timing(Math.Round(embedMs, 2), Math.Round(totalMs - embedMs, 2), Math.Round(totalMs, 2)));
    }

    public async Task<ModelInfo> CurrentAsync(CancellationToken cancellationToken)
    {
        using ModelLease lease = await models.AcquireAsync(cancellationToken);
        return Describe(lease.Model);
    }

    public static ModelInfo Describe(ServedModel model) => new(model.Metadata.RunId, model.Metadata.Epoch, model.Source, model.Checkpoint,
        model.Metadata.Metrics.ValidationAccuracy, model.Metadata.Model.ToString(), model.Network.Device.ToString(), model.LoadedUtc);
}
