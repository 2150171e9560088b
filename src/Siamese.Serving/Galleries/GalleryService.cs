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
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Galleries;

/// <summary>
/// galleries/{name}.json: the labelled reference images of a gallery and their embeddings, under one model name (documents
/// written before names existed are `default`'s).
/// </summary>
public sealed record Gallery(string Name, IReadOnlyList<GalleryItem> Items)
{
    /// <summary>Null in a document without one: source-generated JSON leaves a missing init property null, initialiser or not.</summary>
    public string? Model { get; init; }

    /// <summary>The model name the gallery belongs to.</summary>
    [JsonIgnore] public string Owner => Model ?? ModelName.Default;
}

/// <summary>One reference image: its label, where its bytes are, and its embedding under the model that computed it.</summary>
public sealed record GalleryItem(string Label, string Image, string ContentHash, string ModelId, float[] Embedding);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Gallery))]
public sealed partial class GalleryJson : JsonSerializerContext;

/// <summary>
/// One-shot N-way classification as a service: enrol labelled reference images, then identify a query by its
/// similarity to each. A gallery belongs to the model name it was first enrolled under and answers only for it.
/// Embeddings are computed once and stored with the gallery; after that name's model changes they are recomputed from
/// the stored images the first time the gallery is used.
/// </summary>
public sealed partial class GalleryService(
    BlobServiceClient blobs,
    ResilientStorage documents,
    ModelProvider models,
    Embedder embedder,
    IOptions<ServingOptions> options)
{
    private BlobContainerClient Galleries => blobs.GetBlobContainerClient(StorageNames.GalleriesContainer);

    /// <param name="model">The model name (null: `default`); a gallery that exists must belong to it.</param>
    public async Task<GalleryItemResponse> EnrolAsync(
        string name,
        string label,
        string? model,
        ImageUpload image,
        CancellationToken cancellationToken)
    {
        ValidateName(name);
        if (string.IsNullOrWhiteSpace(label) || label.Length > 128 || label.Contains('/'))
            throw new InvalidInputException("gallery.label", "A label is 1 to 128 characters, without '/'.");
        string modelName = ModelName.Check(model);
        if (await ReadAsync(name, cancellationToken) is { } existing) CheckModel(existing, modelName);

        using ModelLease lease = await models.AcquireAsync(modelName, cancellationToken);
        float[] embedding = embedder.Embed(lease.Model, [image], cancellationToken)[0];
        await documents.RunAsync(async ct => { await Galleries.CreateIfNotExistsAsync(cancellationToken: ct); }, cancellationToken);
        string imageBlob = $"{name}/items/{Uri.EscapeDataString(label)}";
        await documents.UploadAsync(Galleries.GetBlobClient(imageBlob), image.Bytes, null, cancellationToken);

        var item = new GalleryItem(label, imageBlob, image.ContentHash, lease.Model.Id, embedding);
        Gallery gallery = await UpdateAsync(name, modelName, g =>
        {
            CheckModel(g, modelName);
            var items = g.Items.Where(i => i.Label != label).Append(item).ToList();
            if (items.Count > options.Value.MaxGalleryItems)
                throw new InvalidInputException("gallery.full",
                    $"Gallery '{name}' holds {options.Value.MaxGalleryItems} items, the limit.");
            return g with { Items = items };
        }, cancellationToken);
        return new GalleryItemResponse(name, label, gallery.Items.Count, CompareService.Describe(lease.Model, options.Value.Threshold));
    }

    /// <param name="model">The model name (null: `default`); it must be the gallery's.</param>
    public async Task<IdentifyResponse> IdentifyAsync(
        string name,
        string? model,
        ImageUpload query,
        int? topK,
        CancellationToken cancellationToken)
    {
        ValidateName(name);
        int k = topK ?? options.Value.DefaultTopK;
        if (k < 1) throw new InvalidInputException("gallery.top-k", "top must be at least 1.");
        string modelName = ModelName.Check(model);

        var clock = Stopwatch.StartNew();
        Gallery stored = await ReadAsync(name, cancellationToken) is { Items.Count: > 0 } found
            ? found
            : throw new MissingInputException("gallery.not-found",
                $"There is no gallery '{name}' (enrol items with PUT /api/galleries/{name}/items/{{label}}).");
        CheckModel(stored, modelName);
        using ModelLease lease = await models.AcquireAsync(modelName, cancellationToken);
        ServedModel served = lease.Model;
        Gallery gallery = await RefreshEmbeddingsAsync(stored, served, cancellationToken);

        float[] queryEmbedding = embedder.Embed(served, [query], cancellationToken)[0];
        double embedMs = clock.Elapsed.TotalMilliseconds;
        float[] scores = Embedder.Similarities(
            served, gallery.Items.Select(_ => queryEmbedding).ToList(), gallery.Items.Select(i => i.Embedding).ToList());
        var matches = gallery.Items.Select((item, i) => new IdentifyMatch(item.Label, Math.Round(scores[i], 6)))
            .OrderByDescending(m => m.Score).ThenBy(m => m.Label, StringComparer.Ordinal).Take(k).ToList();
        double totalMs = clock.Elapsed.TotalMilliseconds;
        return new IdentifyResponse(name, matches, CompareService.Describe(served, options.Value.Threshold),
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
        return await UpdateAsync(gallery.Name, gallery.Owner, g => g with
        {
            Items = g.Items.Select(i => fresh.TryGetValue(i.Label, out var f) && i.ContentHash == f.ContentHash ? f : i).ToList(),
        }, cancellationToken);
    }

    private async Task<Gallery?> ReadAsync(string name, CancellationToken cancellationToken) =>
        (await documents.ReadAsync(Galleries.GetBlobClient(DocumentName(name)), GalleryJson.Default.Gallery, cancellationToken))?.Value;

    /// <param name="model">The model name of a gallery that does not exist yet.</param>
    private async Task<Gallery> UpdateAsync(
        string name,
        string model,
        Func<Gallery, Gallery> change,
        CancellationToken cancellationToken) =>
        (await documents.UpdateAsync(Galleries.GetBlobClient(DocumentName(name)),
            current => change(current ?? new Gallery(name, []) { Model = model }), GalleryJson.Default.Gallery, cancellationToken))!;

    private static void CheckModel(Gallery gallery, string model)
    {
        if (gallery.Owner != model)
            throw new ConflictingInputException("gallery.other-model",
                $"Gallery '{gallery.Name}' belongs to model '{gallery.Owner}'; call with ?model={gallery.Owner}.");
    }

    private static string DocumentName(string name) => $"{name}.json";

    private static void ValidateName(string name)
    {
        if (!NamePattern().IsMatch(name))
            throw new InvalidInputException("gallery.name", "A gallery name is 1 to 64 letters, digits, '-' or '_'.");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
