using System.Net.Http.Json;
using Siamese.Serving.Contracts;

namespace Siamese.Cli.Api;

/// <summary>The gallery routes (docs/api.md, Galleries) and grouping.</summary>
public sealed partial class FunctionsClient
{
    public Task<EnrolledImageResponse> AddImageAsync(string model, string gallery, string label, ImageFile image,
        CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Identity(gallery, label)}/images{QueryString.Of(model)}")
        {
            Content = image.Content(),
        }, ApiJson.Default.EnrolledImageResponse, cancellationToken);

    public Task<GalleryResponse> GalleryAsync(string model, string gallery, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, Gallery(gallery) + QueryString.Of(model)), ApiJson.Default.GalleryResponse,
            cancellationToken);

    public Task<IdentityListResponse> IdentitiesAsync(string model, string gallery, string? after, int? limit,
        CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get,
                $"{Gallery(gallery)}/identities{QueryString.Of(model, ("after", after), ("limit", QueryString.Number(limit)))}"),
            ApiJson.Default.IdentityListResponse, cancellationToken);

    public Task<IdentityResponse> IdentityAsync(string model, string gallery, string label, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, Identity(gallery, label) + QueryString.Of(model)),
            ApiJson.Default.IdentityResponse, cancellationToken);

    public Task<IdentityResponse> SetUserDataAsync(string model, string gallery, string label, string? userData,
        CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, Identity(gallery, label) + QueryString.Of(model))
        {
            Content = JsonContent.Create(new IdentityDataRequest(userData), ApiJson.Default.IdentityDataRequest),
        }, ApiJson.Default.IdentityResponse, cancellationToken);

    /// <summary>Removes one image (<paramref name="imageId"/>), an identity (<paramref name="label"/>) or the whole gallery.</summary>
    public async Task RemoveAsync(string model, string gallery, string? label, string? imageId, CancellationToken cancellationToken)
    {
        string path = label is null ? Gallery(gallery)
            : imageId is null ? Identity(gallery, label)
            : $"{Identity(gallery, label)}/images/{Uri.EscapeDataString(imageId)}";
        using HttpResponseMessage _ = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, path + QueryString.Of(model)),
            cancellationToken);
    }

    public Task<VerifyResponse> VerifyAsync(string model, string gallery, string label, ImageFile image, double? threshold,
        CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post,
            $"{Identity(gallery, label)}/verify{QueryString.Of(model, ("threshold", QueryString.Number(threshold)))}")
        {
            Content = image.Content(),
        }, ApiJson.Default.VerifyResponse, cancellationToken);

    public Task<IdentifyResponse> IdentifyAsync(string model, string gallery, ImageFile image, int? top, double? threshold,
        CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Gallery(gallery)}/identify" +
            QueryString.Of(model, ("top", QueryString.Number(top)), ("threshold", QueryString.Number(threshold))))
        {
            Content = image.Content(),
        }, ApiJson.Default.IdentifyResponse, cancellationToken);

    /// <summary>The enrolled images most like <paramref name="image"/>, or like the enrolled <paramref name="imageId"/>.</summary>
    public Task<SimilarResponse> SimilarAsync(string model, string gallery, ImageFile? image, string? imageId, int? top,
        CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post,
            $"{Gallery(gallery)}/similar{QueryString.Of(model, ("top", QueryString.Number(top)), ("image", imageId))}")
        {
            Content = image?.Content(),
        }, ApiJson.Default.SimilarResponse, cancellationToken);

    public Task<GroupResponse> GroupAsync(string model, IReadOnlyList<ImageFile> images, double? threshold,
        CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent();
        foreach (ImageFile image in images) form.Add(image.Content(), "images", image.Name);
        return SendAsync(new HttpRequestMessage(HttpMethod.Post,
            "api/group" + QueryString.Of(model, ("threshold", QueryString.Number(threshold)))) { Content = form },
            ApiJson.Default.GroupResponse, cancellationToken);
    }

    private static string Gallery(string gallery) => $"api/galleries/{Uri.EscapeDataString(gallery)}";

    private static string Identity(string gallery, string label) =>
        $"{Gallery(gallery)}/identities/{Uri.EscapeDataString(label)}";
}
