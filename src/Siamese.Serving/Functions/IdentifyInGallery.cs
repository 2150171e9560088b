using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving.Galleries;
using Siamese.Serving.Http;

namespace Siamese.Serving.Functions;

/// <summary>POST /api/galleries/{name}/identify[?top=k]: the k labels most similar to the image, with scores.</summary>
public sealed class IdentifyInGallery(GalleryService galleries, IOptions<ServingOptions> options)
{
    [Function(nameof(IdentifyInGallery))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "galleries/{name}/identify")] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            int? top = null;
            if (request.Query.TryGetValue("top", out var value))
                top = int.TryParse(value, out int k) ? k : throw new ApiProblemException(StatusCodes.Status400BadRequest, "gallery.top-k", "top must be a whole number.");
            var image = await RequestReader.ReadSingleImageAsync(request, options.Value.MaxRequestBytes, cancellationToken);
            return new OkObjectResult(await galleries.IdentifyAsync(name, image, top, cancellationToken));
        });
}
