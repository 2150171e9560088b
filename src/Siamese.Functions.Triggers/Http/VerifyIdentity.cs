using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving;
using Siamese.Serving.Contracts;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// POST /api/galleries/{name}/identities/{label}/verify[?threshold=t][&amp;model=name]: is the image (raw body or
/// multipart "image") this identity? One similarity over all its images, and the call.
/// </summary>
public sealed class VerifyIdentity(GallerySearch search, IOptions<ServingOptions> options)
{
    [Function(nameof(VerifyIdentity))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "galleries/{name}/identities/{label}/verify")] HttpRequest request,
        string name,
        string label,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            string model = RequestReader.Model(request);
            var image = await RequestReader.ReadSingleImageAsync(request, options.Value.MaxRequestBytes, cancellationToken);
            VerifyResponse response = await search.VerifyAsync(name, label, model, image, RequestReader.Threshold(request),
                cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.VerifyResponse);
        });
}
