using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Serving.Comparison;
using Siamese.Serving.Contracts;
using Siamese.Serving.Provider;
using Siamese.Storage.Promotion;
using SixLabors.ImageSharp;

namespace Siamese.Serving.Galleries;

/// <summary>An enrolled image as stored: the bytes that were enrolled and their media type (read from the bytes).</summary>
public sealed record EnrolledImageContent(byte[] Bytes, string ContentType);

/// <summary>
/// Enrolment and management of a gallery's identities. An enrolment stores the image, then appends one record to the
/// gallery's log: it reads nothing of the gallery, so it costs the same at a million images as at ten, and concurrent
/// enrolments never retry against each other. A gallery belongs to the model name it was created under.
/// </summary>
public sealed class GalleryCatalog(
    GalleryLog log,
    GalleryIndexCache indexes,
    GalleryOpener opener,
    ModelProvider models,
    Embedder embedder,
    TimeProvider time,
    IOptions<ServingOptions> options)
{
    public const int MaxPageSize = 1000;

    /// <param name="model">The model name (null: `default`); a gallery that exists must belong to it.</param>
    public async Task<EnrolledImageResponse> AddImageAsync(string gallery, string label, string? model, ImageUpload image,
        CancellationToken cancellationToken)
    {
        GalleryNames.Gallery(gallery);
        GalleryNames.Label(label);
        string name = ModelName.Check(model);
        GalleryOpener.CheckModel(await log.CreateOrReadHeaderAsync(gallery, name, cancellationToken), name);

        using ModelLease lease = await models.AcquireAsync(name, cancellationToken);
        float[] embedding = embedder.Embed(lease.Model, [image], cancellationToken)[0];
        string imageId = Guid.NewGuid().ToString("N");
        await log.PutImageAsync(gallery, imageId, image.Bytes, cancellationToken);
        await log.AppendAsync(gallery,
            [new ImageEnrolled(imageId, label, image.ContentHash, lease.Model.Id, embedding, time.GetUtcNow())], cancellationToken);
        return new EnrolledImageResponse(gallery, label, imageId, CompareService.Describe(lease.Model, options.Value.Threshold));
    }

    /// <summary>Sets (or with null clears) an identity's user data; an identity may hold data before its first image.</summary>
    public async Task<IdentityResponse> SetUserDataAsync(string gallery, string label, string? model, string? userData,
        CancellationToken cancellationToken)
    {
        GalleryNames.Gallery(gallery);
        GalleryNames.Label(label);
        GalleryNames.UserData(userData);
        string name = ModelName.Check(model);
        GalleryOpener.CheckModel(await log.CreateOrReadHeaderAsync(gallery, name, cancellationToken), name);
        await log.AppendAsync(gallery, [new IdentityDataSet(label, userData)], cancellationToken);
        return await GetIdentityAsync(gallery, label, model, cancellationToken);
    }

    public async Task<GalleryResponse> GetAsync(string gallery, string? model, CancellationToken cancellationToken)
    {
        using OpenGallery open = await opener.OpenCatalogAsync(gallery, model, cancellationToken);
        return new GalleryResponse(gallery, open.Header.Model, open.Index.IdentityCount, open.Index.ImageCount, open.Header.CreatedUtc);
    }

    /// <param name="after">The continuation of the previous page (its last label); null for the first page.</param>
    public async Task<IdentityListResponse> ListAsync(string gallery, string? model, string? after, int? limit,
        CancellationToken cancellationToken)
    {
        int size = limit ?? 100;
        if (size is < 1 or > MaxPageSize)
            throw new InvalidInputException("gallery.limit", $"limit is 1 to {MaxPageSize}.");
        using OpenGallery open = await opener.OpenCatalogAsync(gallery, model, cancellationToken);
        var page = open.Index.Identities(after, size + 1);
        var shown = page.Take(size).Select(i => new IdentitySummary(i.Label, i.ImageIds.Count, i.UserData)).ToList();
        return new IdentityListResponse(gallery, shown, page.Count > size ? shown[^1].Label : null);
    }

    public async Task<IdentityResponse> GetIdentityAsync(string gallery, string label, string? model,
        CancellationToken cancellationToken)
    {
        GalleryNames.Label(label);
        using OpenGallery open = await opener.OpenCatalogAsync(gallery, model, cancellationToken);
        IdentityEntry identity = RequireIdentity(open, label);
        var images = identity.ImageIds.Select(id => open.Index.Image(id)!)
            .Select(i => new IdentityImage(i.ImageId, i.ContentHash, i.EnrolledUtc)).ToList();
        return new IdentityResponse(gallery, label, identity.UserData, images);
    }

    /// <summary>Removes one image of an identity (its stored bytes too).</summary>
    public async Task RemoveImageAsync(string gallery, string label, string imageId, string? model,
        CancellationToken cancellationToken)
    {
        GalleryNames.Label(label);
        using (OpenGallery open = await opener.OpenCatalogAsync(gallery, model, cancellationToken))
            RequireImage(open, label, imageId);
        await log.AppendAsync(gallery, [new ImageRemoved(imageId)], cancellationToken);
        await log.DeleteImagesAsync(gallery, [imageId], cancellationToken);
    }

    /// <summary>An enrolled image's bytes as they were enrolled, with their media type.</summary>
    public async Task<EnrolledImageContent> ReadImageAsync(string gallery, string label, string imageId, string? model,
        CancellationToken cancellationToken)
    {
        GalleryNames.Label(label);
        using (OpenGallery open = await opener.OpenCatalogAsync(gallery, model, cancellationToken))
            RequireImage(open, label, imageId);
        byte[] bytes = await log.ReadImageAsync(gallery, imageId, cancellationToken);
        return new EnrolledImageContent(bytes, Image.DetectFormat(bytes)?.DefaultMimeType ?? "application/octet-stream");
    }

    /// <summary>Removes the identity, its user data and its images (their stored bytes too).</summary>
    public async Task RemoveIdentityAsync(string gallery, string label, string? model, CancellationToken cancellationToken)
    {
        GalleryNames.Label(label);
        IReadOnlyList<string> images;
        using (OpenGallery open = await opener.OpenCatalogAsync(gallery, model, cancellationToken))
            images = RequireIdentity(open, label).ImageIds;
        await log.AppendAsync(gallery, [new IdentityRemoved(label)], cancellationToken);
        await log.DeleteImagesAsync(gallery, images, cancellationToken);
    }

    /// <summary>Deletes the gallery: its header at once (so it is gone for every caller), then its log and images.</summary>
    public async Task DeleteAsync(string gallery, string? model, CancellationToken cancellationToken)
    {
        await opener.ReadHeaderAsync(gallery, model, cancellationToken);
        await log.DeleteAsync(gallery, cancellationToken);
        indexes.Forget(gallery);
    }

    private static void RequireImage(OpenGallery open, string label, string imageId)
    {
        if (open.Index.Image(imageId) is not { } image || image.Label != label)
            throw new MissingInputException("gallery.image-not-found",
                $"Identity '{label}' of gallery '{open.Header.Name}' has no image '{imageId}'.");
    }

    public static IdentityEntry RequireIdentity(OpenGallery open, string label) =>
        open.Index.Identity(label) ?? throw new MissingInputException("gallery.identity-not-found",
            $"Gallery '{open.Header.Name}' has no identity '{label}'.");
}
