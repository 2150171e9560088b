using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving;
using Siamese.Serving.Contracts;
using Siamese.Serving.Comparison;
using Siamese.Serving.Galleries;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// POST /api/galleries/{name}/similar[?top=k][&amp;image=imageId][&amp;model=name]: the enrolled images most similar to
/// the image in the body, or to the enrolled image named by ?image= (with no body).
/// </summary>
public sealed class FindSimilar(GallerySearch search, IOptions<ServingOptions> options)
{
    [Function(nameof(FindSimilar))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "galleries/{name}/similar")] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            string model = RequestReader.Model(request);
            string? imageId = request.Query["image"];
            ImageUpload? image = await RequestReader.ReadOptionalImageAsync(request, options.Value.MaxRequestBytes, cancellationToken);
            SimilarResponse response = await search.SimilarAsync(name, model, image, string.IsNullOrEmpty(imageId) ? null : imageId,
                RequestReader.Top(request), cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.SimilarResponse);
        });
}
