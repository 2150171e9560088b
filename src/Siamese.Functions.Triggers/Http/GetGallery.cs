using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Contracts;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// GET /api/galleries/{name}[?model=name]: the model name the gallery answers for, how many identities and images it
/// holds.
/// </summary>
public sealed class GetGallery(GalleryCatalog catalog)
{
    [Function(nameof(GetGallery))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "galleries/{name}")] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            GalleryResponse response = await catalog.GetAsync(name, RequestReader.Model(request), cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.GalleryResponse);
        });
}
