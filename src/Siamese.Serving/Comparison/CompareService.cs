using System.Diagnostics;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Inference;
using Siamese.Serving.Contracts;
using Siamese.Serving.Provider;

namespace Siamese.Serving.Comparison;

/// <summary>"How similar are these two images", one pair or many, with the model a name serves.</summary>
public sealed class CompareService(ModelProvider models, Embedder embedder, IOptions<ServingOptions> options)
{
    /// <param name="model">The model name (null: `default`).</param>
    /// <param name="threshold">
    /// isSame's threshold for this request; null: the served model's own (see <see cref="ServedModel.ThresholdOr"/>).
    /// </param>
    public async Task<CompareResponse> CompareAsync(
        string? model,
        ImageUpload first,
        ImageUpload second,
        double? threshold,
        CancellationToken cancellationToken)
    {
        BatchCompareResponse batch = await CompareManyAsync(model, [(first, second)], threshold, cancellationToken);
        PairResult result = batch.Results[0];
        return new CompareResponse(result.Similarity, result.IsSame, batch.Threshold, batch.Model, batch.Timing);
    }

    public async Task<BatchCompareResponse> CompareManyAsync(
        string? model,
        IReadOnlyList<(ImageUpload First, ImageUpload Second)> pairs,
        double? threshold,
        CancellationToken cancellationToken)
    {
        ServingOptions settings = options.Value;
        if (pairs.Count == 0)
            throw new InvalidInputException("batch.empty", "The batch has no pairs.");
        if (pairs.Count > settings.MaxPairsPerBatch)
            throw new InvalidInputException("batch.too-many-pairs",
                $"The batch has {pairs.Count} pairs; the limit is {settings.MaxPairsPerBatch}.");

        var clock = Stopwatch.StartNew();
        using ModelLease lease = await models.AcquireAsync(model, cancellationToken);
        ServedModel served = lease.Model;
        float[][] embeddings = embedder.Embed(served, pairs.SelectMany(p => new[] { p.First, p.Second }).ToList(), cancellationToken);
        double embedMs = clock.Elapsed.TotalMilliseconds;
        float[] similarities = PairSimilarities(served, embeddings);
        double cut = threshold ?? served.ThresholdOr(settings.Threshold);
        ScoreUncertainPairsInFloat32(served, pairs, similarities, cut, cancellationToken);
        double totalMs = clock.Elapsed.TotalMilliseconds;

        var results = similarities.Select(s => new PairResult(Math.Round(s, 6), s >= cut)).ToList();
        return new BatchCompareResponse(results, cut, Describe(served, settings.Threshold),
            Timing.Of(embedMs, totalMs));
    }

    /// <summary>
    /// A model computing in bfloat16 scores again, in float32, each pair it put within <see cref="BFloat16Margin"/> of the
    /// threshold, so that every call is the one float32 makes (docs/api.md, "Precision").
    /// </summary>
    private void ScoreUncertainPairsInFloat32(ServedModel served, IReadOnlyList<(ImageUpload First, ImageUpload Second)> pairs,
        float[] similarities, double threshold, CancellationToken cancellationToken)
    {
        if (served.Float32 is null) return;
        int[] uncertain = Enumerable.Range(0, pairs.Count).Where(i => BFloat16Margin.IsUncertain(similarities[i], threshold)).ToArray();
        if (uncertain.Length == 0) return;
        var images = uncertain.SelectMany(i => new[] { pairs[i].First, pairs[i].Second }).ToList();
        float[] exact = PairSimilarities(served, embedder.EmbedInFloat32(served, images, cancellationToken));
        for (int k = 0; k < uncertain.Length; k++) similarities[uncertain[k]] = exact[k];
    }

    /// <summary>Similarities of embeddings in pairs: rows 0 and 1, 2 and 3, and so on.</summary>
    private static float[] PairSimilarities(ServedModel served, float[][] embeddings) =>
        Embedder.Similarities(served, embeddings.Where((_, i) => i % 2 == 0).ToList(), embeddings.Where((_, i) => i % 2 == 1).ToList());

    /// <summary>The model that answers for <paramref name="model"/> now (loaded if it was not).</summary>
    public async Task<ModelInfo> CurrentAsync(string? model, CancellationToken cancellationToken)
    {
        using ModelLease lease = await models.AcquireAsync(model, cancellationToken);
        return Describe(lease.Model, options.Value.Threshold);
    }

    public static ModelInfo Describe(ServedModel model, double defaultThreshold) =>
        new(model.Metadata.RunId, model.Metadata.Epoch, model.Source, model.Checkpoint, model.Metadata.Metrics.ValidationAccuracy,
            model.Metadata.Model.ToString(), model.Network.Device.ToString(), model.LoadedUtc)
        {
            Name = model.Name,
            Precision = model.Precision,
            Threshold = model.ThresholdOr(defaultThreshold),
            ThresholdCriterion = model.Metadata.Threshold?.Criterion
                ?? "the configured default (Serving:Threshold): the checkpoint has no calibrated threshold",
            Why = model.Pointer?.Reason ?? ModelCatalog.ShippedModelWhy,
            Challenge = model.Pointer?.Scores,
            ServedSinceUtc = model.Pointer?.UpdatedUtc,
            Test = model.Metadata.Test,
        };
}
