using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving;
using Siamese.Serving.Contracts;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// POST /api/galleries/{name}/identify[?top=k][&amp;threshold=t][&amp;model=name]: the identities at or above the
/// threshold most similar to the image, best first (empty when none passes).
/// </summary>
public sealed class IdentifyInGallery(GallerySearch search, IOptions<ServingOptions> options)
{
    [Function(nameof(IdentifyInGallery))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "galleries/{name}/identify")] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            string model = RequestReader.Model(request);
            var image = await RequestReader.ReadSingleImageAsync(request, options.Value.MaxRequestBytes, cancellationToken);
            IdentifyResponse response = await search.IdentifyAsync(name, model, image, RequestReader.Top(request),
                RequestReader.Threshold(request), cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.IdentifyResponse);
        });
}
