using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving.Galleries;
using Siamese.Serving.Http;

namespace Siamese.Serving.Functions;

/// <summary>PUT /api/galleries/{name}/items/{label}: enrol (or replace) a labelled reference image (raw body or multipart "image").</summary>
public sealed class EnrolGalleryItem(GalleryService galleries, IOptions<ServingOptions> options)
{
    [Function(nameof(EnrolGalleryItem))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "galleries/{name}/items/{label}")] HttpRequest request,
        string name,
        string label,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            var image = await RequestReader.ReadSingleImageAsync(request, options.Value.MaxRequestBytes, cancellationToken);
            return new OkObjectResult(await galleries.EnrolAsync(name, label, image, cancellationToken));
        });
}
