using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// GET /api/galleries/{name}/identities/{label}/images/{imageId}[?model=name]: an enrolled image, the bytes as enrolled.
/// </summary>
public sealed class GetIdentityImage(GalleryCatalog catalog)
{
    [Function(nameof(GetIdentityImage))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "galleries/{name}/identities/{label}/images/{imageId}")]
        HttpRequest request,
        string name,
        string label,
        string imageId,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            EnrolledImageContent image =
                await catalog.ReadImageAsync(name, label, imageId, RequestReader.Model(request), cancellationToken);
            return TypedResults.Bytes(image.Bytes, image.ContentType);
        });
}
