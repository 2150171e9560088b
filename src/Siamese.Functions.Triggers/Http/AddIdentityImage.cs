using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving;
using Siamese.Serving.Contracts;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// POST /api/galleries/{name}/identities/{label}/images[?model=name]: adds an image (raw body or multipart "image") to
/// an identity, creating the gallery (for that model name) and the identity if they do not exist.
/// </summary>
public sealed class AddIdentityImage(GalleryCatalog catalog, IOptions<ServingOptions> options)
{
    [Function(nameof(AddIdentityImage))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "galleries/{name}/identities/{label}/images")] HttpRequest request,
        string name,
        string label,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            string model = RequestReader.Model(request);
            var image = await RequestReader.ReadSingleImageAsync(request, options.Value.MaxRequestBytes, cancellationToken);
            EnrolledImageResponse response = await catalog.AddImageAsync(name, label, model, image, cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.EnrolledImageResponse, statusCode: StatusCodes.Status201Created);
        });
}
