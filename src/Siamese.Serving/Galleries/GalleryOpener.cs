using Siamese.Model;
using Siamese.Serving.Comparison;
using Siamese.Serving.Provider;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Galleries;

/// <summary>
/// Opens a gallery for a call: checks that it exists and belongs to the model name asked for, and brings its index up to
/// the log's tail. A gallery is pinned to its model NAME; when that name serves a new model, the images the new model has
/// not embedded yet are embedded from their stored bytes before the first search, so a search never mixes two models'
/// embeddings (<see cref="GalleryIndex.Stale"/>).
/// </summary>
public sealed class GalleryOpener(GalleryLog log, GalleryIndexCache indexes, ModelProvider models, Embedder embedder)
{
    /// <summary>Images re-embedded per forward pass and per appended block after a model change.</summary>
    private const int ReEmbedBatch = 64;

    /// <summary>For a search: the index with every image embedded by the name's current model.</summary>
    public Task<OpenGallery> OpenAsync(string gallery, string? model, CancellationToken cancellationToken) =>
        OpenAsync(gallery, model, embedStale: true, cancellationToken);

    /// <summary>
    /// For managing identities and images: the index as the log has it, without embedding the images a new model has not
    /// embedded yet (listing, reading and removing need no embeddings).
    /// </summary>
    public Task<OpenGallery> OpenCatalogAsync(string gallery, string? model, CancellationToken cancellationToken) =>
        OpenAsync(gallery, model, embedStale: false, cancellationToken);

    private async Task<OpenGallery> OpenAsync(string gallery, string? model, bool embedStale, CancellationToken cancellationToken)
    {
        GalleryHeader header = await ReadHeaderAsync(gallery, model, cancellationToken);
        ModelLease lease = await models.AcquireAsync(header.Model, cancellationToken);
        try
        {
            GalleryIndex index = await indexes.CurrentAsync(gallery, lease.Model.Id, cancellationToken);
            // Stale is sorted afresh on every read: take it once per pass, not once per batch (a million images, 15,625 batches).
            for (var stale = embedStale ? index.Stale : []; stale.Count > 0; stale = index.Stale)
            {
                foreach (ImageEntry[] batch in stale.Chunk(ReEmbedBatch))
                    await ReEmbedAsync(gallery, lease.Model, batch, cancellationToken);
                index = await indexes.CurrentAsync(gallery, lease.Model.Id, cancellationToken);
            }
            return new OpenGallery(header, lease, index);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>The gallery's header; 404 when it does not exist, 409 when it belongs to another model name.</summary>
    public async Task<GalleryHeader> ReadHeaderAsync(string gallery, string? model, CancellationToken cancellationToken)
    {
        GalleryNames.Gallery(gallery);
        string name = ModelName.Check(model);
        GalleryHeader header = await log.ReadHeaderAsync(gallery, cancellationToken)
                               ?? throw new MissingInputException("gallery.not-found", $"There is no gallery '{gallery}' " +
                                   $"(enrol an image with POST /api/galleries/{gallery}/identities/{{label}}/images).");
        return CheckModel(header, name);
    }

    public static GalleryHeader CheckModel(GalleryHeader header, string model) =>
        header.Model == model
            ? header
            : throw new ConflictingInputException("gallery.other-model",
                $"Gallery '{header.Name}' belongs to model '{header.Model}'; call with ?model={header.Model}.");

    private async Task ReEmbedAsync(string gallery, ServedModel model, IReadOnlyList<ImageEntry> stale,
        CancellationToken cancellationToken)
    {
        var images = new List<ImageUpload>(stale.Count);
        foreach (ImageEntry image in stale)
            images.Add(new ImageUpload(image.ImageId, await log.ReadImageAsync(gallery, image.ImageId, cancellationToken)));
        float[][] embeddings = embedder.Embed(model, images, cancellationToken);
        await log.AppendAsync(gallery,
            stale.Select((image, i) => (GalleryChange)new ImageEmbedded(image.ImageId, model.Id, embeddings[i])).ToList(),
            cancellationToken);
    }
}
