using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving;
using Siamese.Serving.Contracts;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// PUT /api/galleries/{name}/items/{label}[?model=name]: enrol (or replace) a labelled reference image (raw body or multipart
/// "image") in a gallery of that model name.
/// </summary>
public sealed class EnrolGalleryItem(GalleryService galleries, IOptions<ServingOptions> options)
{
    [Function(nameof(EnrolGalleryItem))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "galleries/{name}/items/{label}")] HttpRequest request,
        string name,
        string label,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            string model = RequestReader.Model(request);
            var image = await RequestReader.ReadSingleImageAsync(request, options.Value.MaxRequestBytes, cancellationToken);
            GalleryItemResponse response = await galleries.EnrolAsync(name, label, model, image, cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.GalleryItemResponse);
        });
}
