using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving;
using Siamese.Serving.Contracts;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// POST /api/galleries/{name}/identify[?top=k][&amp;model=name]: the k labels most similar to the image, with scores (the name
/// must be the gallery's).
/// </summary>
public sealed class IdentifyInGallery(GalleryService galleries, IOptions<ServingOptions> options)
{
    [Function(nameof(IdentifyInGallery))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "galleries/{name}/identify")] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            int? top = RequestReader.Top(request);
            string model = RequestReader.Model(request);
            var image = await RequestReader.ReadSingleImageAsync(request, options.Value.MaxRequestBytes, cancellationToken);
            IdentifyResponse response = await galleries.IdentifyAsync(name, model, image, top, cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.IdentifyResponse);
        });
}
