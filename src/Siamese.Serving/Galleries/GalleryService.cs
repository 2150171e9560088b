using System.Diagnostics;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Serving.Comparison;
using Siamese.Serving.Contracts;
using Siamese.Serving.Provider;
using Siamese.Storage;

namespace Siamese.Serving.Galleries;

/// <summary>galleries/{name}.json: the labelled reference images of a gallery and their embeddings.</summary>
public sealed record Gallery(string Name, IReadOnlyList<GalleryItem> Items);

/// <summary>One reference image: its label, where its bytes are, and its embedding under the model that computed it.</summary>
public sealed record GalleryItem(string Label, string Image, string ContentHash, string ModelId, float[] Embedding);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Gallery))]
public sealed partial class GalleryJson : JsonSerializerContext;

/// <summary>
/// One-shot N-way classification as a service: enrol labelled reference images, then identify a query by its
/// similarity to each. Embeddings are computed once and stored with the gallery; after a model change they are
/// recomputed from the stored images the first time the gallery is used.
/// </summary>
public sealed partial class GalleryService(
    BlobServiceClient blobs,
    ResilientStorage documents,
    ModelProvider models,
    Embedder embedder,
    IOptions<ServingOptions> options)
{
    private BlobContainerClient Galleries => blobs.GetBlobContainerClient(StorageNames.GalleriesContainer);

    public async Task<GalleryItemResponse> EnrolAsync(string name, string label, ImageUpload image, CancellationToken cancellationToken)
    {
        ValidateName(name);
        if (string.IsNullOrWhiteSpace(label) || label.Length > 128 || label.Contains('/'))
            throw new InvalidInputException("gallery.label", "A label is 1 to 128 characters, without '/'.");

        using ModelLease lease = await models.AcquireAsync(cancellationToken);
        float[] embedding = embedder.Embed(lease.Model, [image], cancellationToken)[0];
        await documents.RunAsync(async ct => { await Galleries.CreateIfNotExistsAsync(cancellationToken: ct); }, cancellationToken);
        string imageBlob = $"{name}/items/{Uri.EscapeDataString(label)}";
        await documents.UploadAsync(Galleries.GetBlobClient(imageBlob), image.Bytes, null, cancellationToken);

        var item = new GalleryItem(label, imageBlob, image.ContentHash, lease.Model.Id, embedding);
        Gallery gallery = await UpdateAsync(name, g =>
        {
            var items = g.Items.Where(i => i.Label != label).Append(item).ToList();
            if (items.Count > options.Value.MaxGalleryItems)
                throw new InvalidInputException("gallery.full",
                    $"Gallery '{name}' holds {options.Value.MaxGalleryItems} items, the limit.");
            return g with { Items = items };
        }, cancellationToken);
        return new GalleryItemResponse(name, label, gallery.Items.Count, CompareService.Describe(lease.Model, options.Value.Threshold));
    }

    public async Task<IdentifyResponse> IdentifyAsync(string name, ImageUpload query, int? topK, CancellationToken cancellationToken)
    {
        ValidateName(name);
        int k = topK ?? options.Value.DefaultTopK;
        if (k < 1) throw new InvalidInputException("gallery.top-k", "top must be at least 1.");

        var clock = Stopwatch.StartNew();
        using ModelLease lease = await models.AcquireAsync(cancellationToken);
        ServedModel model = lease.Model;
        var stored = await documents.ReadAsync(Galleries.GetBlobClient(DocumentName(name)), GalleryJson.Default.Gallery, cancellationToken);
        if (stored is null || stored.Value.Value.Items.Count == 0)
            throw new MissingInputException("gallery.not-found",
                $"There is no gallery '{name}' (enrol items with PUT /api/galleries/{name}/items/{{label}}).");
        Gallery gallery = await RefreshEmbeddingsAsync(stored.Value.Value, model, cancellationToken);

        float[] queryEmbedding = embedder.Embed(model, [query], cancellationToken)[0];
        double embedMs = clock.Elapsed.TotalMilliseconds;
        float[] scores = Embedder.Similarities(
            model, gallery.Items.Select(_ => queryEmbedding).ToList(), gallery.Items.Select(i => i.Embedding).ToList());
        var matches = gallery.Items.Select((item, i) => new IdentifyMatch(item.Label, Math.Round(scores[i], 6)))
            .OrderByDescending(m => m.Score).ThenBy(m => m.Label, StringComparer.Ordinal).Take(k).ToList();
        double totalMs = clock.Elapsed.TotalMilliseconds;
        return new IdentifyResponse(name, matches, CompareService.Describe(model, options.Value.Threshold),
            Timing.Of(embedMs, totalMs));
    }

    /// <summary>Recomputes (and stores) the embeddings that another model computed.</summary>
    private async Task<Gallery> RefreshEmbeddingsAsync(Gallery gallery, ServedModel model, CancellationToken cancellationToken)
    {
        var stale = gallery.Items.Where(i => i.ModelId != model.Id).ToList();
        if (stale.Count == 0) return gallery;
        var images = new List<ImageUpload>();
        foreach (GalleryItem item in stale)
        {
            byte[] bytes = await documents.RunAsync(
                async ct => (await Galleries.GetBlobClient(item.Image).DownloadContentAsync(ct)).Value.Content.ToArray(),
                cancellationToken);
            images.Add(new ImageUpload(item.Label, bytes));
        }
        float[][] embeddings = embedder.Embed(model, images, cancellationToken);
        var fresh = stale.Select((item, i) => item with { ModelId = model.Id, Embedding = embeddings[i] }).ToDictionary(i => i.Label);
        return await UpdateAsync(gallery.Name, g => g with
        {
            Items = g.Items.Select(i => fresh.TryGetValue(i.Label, out var f) && i.ContentHash == f.ContentHash ? f : i).ToList(),
        }, cancellationToken);
    }

    private async Task<Gallery> UpdateAsync(string name, Func<Gallery, Gallery> change, CancellationToken cancellationToken) =>
        (await documents.UpdateAsync(Galleries.GetBlobClient(DocumentName(name)), current => change(current ?? new Gallery(name, [])),
            GalleryJson.Default.Gallery, cancellationToken))!;

    private static string DocumentName(string name) => $"{name}.json";

    private static void ValidateName(string name)
    {
        if (!NamePattern().IsMatch(name))
            throw new InvalidInputException("gallery.name", "A gallery name is 1 to 64 letters, digits, '-' or '_'.");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
