using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving;
using Siamese.Serving.Comparison;
using Siamese.Serving.Contracts;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// POST /api/compare[?model=name][&amp;threshold=0.7]: two images (multipart image1/image2, or JSON base64) → similarity, isSame,
/// model, timing.
/// </summary>
public sealed class Compare(CompareService service, IOptions<ServingOptions> options)
{
    [Function(nameof(Compare))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "compare")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            string model = RequestReader.Model(request);
            var images = await RequestReader.ReadImagesAsync(
                request, options.Value.MaxRequestBytes, ["image1", "image2"], cancellationToken);
            CompareResponse response = await service.CompareAsync(
                model, images[0], images[1], RequestReader.Threshold(request), cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.CompareResponse);
        });
}
