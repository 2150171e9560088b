using System.Diagnostics;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Inference;
using Siamese.Serving.Comparison;
using Siamese.Serving.Contracts;
using Siamese.Serving.Provider;

namespace Siamese.Serving.Galleries;

/// <summary>
/// Verify an image against an identity, identify it among a gallery's identities, find the enrolled images most similar
/// to it. Search is two-stage: an exact L1 scan of every enrolled embedding (<see cref="GalleryIndex.Nearest"/>) picks
/// candidates, and the model's head scores them; an identity's score is <see cref="IdentitySimilarity"/> over all of
/// its images, the same in verify and identify.
/// </summary>
public sealed class GallerySearch(GalleryOpener opener, Embedder embedder, IOptions<ServingOptions> options)
{
    /// <param name="threshold">isSame's threshold for this call; null: the served model's own.</param>
    public async Task<VerifyResponse> VerifyAsync(string gallery, string label, string? model, ImageUpload image, double? threshold,
        CancellationToken cancellationToken)
    {
        GalleryNames.Label(label);
        var clock = Stopwatch.StartNew();
        using OpenGallery open = await opener.OpenAsync(gallery, model, cancellationToken);
        IdentityEntry identity = GalleryCatalog.RequireIdentity(open, label);
        if (identity.ImageIds.Count == 0)
            throw new ConflictingInputException("gallery.identity-empty", $"Identity '{label}' has no images to verify against.");
        float[] query = embedder.Embed(open.Model, [image], cancellationToken)[0];
        double embedMs = clock.Elapsed.TotalMilliseconds;
        double similarity = IdentityScore(open, query, identity.ImageIds);
        double cut = Threshold(open.Model, threshold);
        return new VerifyResponse(gallery, label, Math.Round(similarity, 6), similarity >= cut, cut, IdentitySimilarity.Rule,
            identity.ImageIds.Count, Describe(open.Model), Timing.Of(embedMs, clock.Elapsed.TotalMilliseconds));
    }

    /// <summary>The identities whose score reaches the threshold, best first, at most <paramref name="top"/>.</summary>
    public async Task<IdentifyResponse> IdentifyAsync(string gallery, string? model, ImageUpload image, int? top, double? threshold,
        CancellationToken cancellationToken)
    {
        int k = TopK(top);
        var clock = Stopwatch.StartNew();
        using OpenGallery open = await opener.OpenAsync(gallery, model, cancellationToken);
        float[] query = embedder.Embed(open.Model, [image], cancellationToken)[0];
        double embedMs = clock.Elapsed.TotalMilliseconds;
        double cut = Threshold(open.Model, threshold);

        var candidates = open.Index.Nearest(query, Candidates(k));
        var matches = candidates.Select(c => c.Label).Distinct(StringComparer.Ordinal)
            .Select(label => (Label: label, Identity: open.Index.Identity(label)!))
            .Select(c => new IdentifyMatch(c.Label, Math.Round(IdentityScore(open, query, c.Identity.ImageIds), 6),
                candidates.First(n => n.Label == c.Label).ImageId))
            .Where(m => m.Score >= cut)
            .OrderByDescending(m => m.Score).ThenBy(m => m.Label, StringComparer.Ordinal)
            .Take(k).ToList();
        return new IdentifyResponse(gallery, matches, cut, IdentitySimilarity.Rule, Describe(open.Model),
            Timing.Of(embedMs, clock.Elapsed.TotalMilliseconds));
    }

    /// <summary>
    /// The enrolled images most similar to <paramref name="image"/>, or to the enrolled image <paramref name="imageId"/>
    /// (itself left out); exactly one of the two is given.
    /// </summary>
    public async Task<SimilarResponse> SimilarAsync(string gallery, string? model, ImageUpload? image, string? imageId, int? top,
        CancellationToken cancellationToken)
    {
        int k = TopK(top);
        if ((image is null) == (imageId is null))
            throw new InvalidInputException("gallery.similar-query",
                "Send an image, or name an enrolled one with ?image={imageId}; not both.");
        var clock = Stopwatch.StartNew();
        using OpenGallery open = await opener.OpenAsync(gallery, model, cancellationToken);
        float[] query = image is not null
            ? embedder.Embed(open.Model, [image], cancellationToken)[0]
            : open.Index.Image(imageId!) is not null
                ? open.Index.Embedding(imageId!).ToArray()
                : throw new MissingInputException("gallery.image-not-found", $"Gallery '{gallery}' has no image '{imageId}'.");
        double embedMs = clock.Elapsed.TotalMilliseconds;

        var candidates = open.Index.Nearest(query, Candidates(k) + 1).Where(n => n.ImageId != imageId).ToList();
        float[] scores = Scores(open, query, candidates.Select(c => c.ImageId).ToList());
        var images = candidates.Select((c, i) => new SimilarImage(c.ImageId, c.Label, Math.Round(scores[i], 6)))
            .Where(s => !double.IsNaN(s.Similarity))
            .OrderByDescending(s => s.Similarity).ThenBy(s => s.ImageId, StringComparer.Ordinal).Take(k).ToList();
        return new SimilarResponse(gallery, images, Describe(open.Model), Timing.Of(embedMs, clock.Elapsed.TotalMilliseconds));
    }

    /// <summary>
    /// How many nearest images (by L1) the head re-scores: enough that the head's best are among them (measured in
    /// docs/benchmarks.md, Galleries), and bounded so a search costs the same whatever the gallery's size.
    /// </summary>
    private static int Candidates(int top) => Math.Max(64, 8 * top);

    private int TopK(int? top)
    {
        int k = top ?? options.Value.DefaultTopK;
        return k is >= 1 and <= 100 ? k : throw new InvalidInputException("gallery.top-k", "top is 1 to 100.");
    }

    private double Threshold(ServedModel model, double? threshold) =>
        threshold is null or (>= 0 and <= 1)
            ? threshold ?? model.ThresholdOr(options.Value.Threshold)
            : throw new InvalidInputException("gallery.threshold", "threshold is between 0 and 1.");

    /// <summary>The identity's similarity to the query; 0 for an identity whose images were all removed meanwhile.</summary>
    private static double IdentityScore(OpenGallery open, float[] query, IReadOnlyList<string> imageIds) =>
        Scores(open, query, imageIds).Where(s => !float.IsNaN(s)).ToList() is { Count: > 0 } scores ? IdentitySimilarity.Of(scores) : 0;

    /// <summary>
    /// The head's similarity of the query to each image, in order; NaN for an image removed since the gallery was opened
    /// (another call's catch-up may apply a removal meanwhile).
    /// </summary>
    private static float[] Scores(OpenGallery open, float[] query, IReadOnlyList<string> imageIds)
    {
        float[][] embeddings = imageIds.Select(id => open.Index.Embedding(id).ToArray()).ToArray();
        int[] present = Enumerable.Range(0, embeddings.Length).Where(i => embeddings[i].Length > 0).ToArray();
        var scores = Enumerable.Repeat(float.NaN, embeddings.Length).ToArray();
        if (present.Length == 0) return scores;
        float[] similarities = Embedder.Similarities(open.Model, present.Select(_ => query).ToList(),
            present.Select(i => embeddings[i]).ToList());
        for (int p = 0; p < present.Length; p++) scores[present[p]] = similarities[p];
        return scores;
    }

    private ModelInfo Describe(ServedModel model) => CompareService.Describe(model, options.Value.Threshold);
}
