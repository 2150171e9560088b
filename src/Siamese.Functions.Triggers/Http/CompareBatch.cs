using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving;
using Siamese.Serving.Comparison;
using Siamese.Serving.Contracts;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// POST /api/compare/batch[?model=name][&amp;threshold=0.7]: {"pairs": [{"image1": base64, "image2": base64}, ...]} → one result per pair.
/// </summary>
public sealed class CompareBatch(CompareService service, IOptions<ServingOptions> options)
{
    [Function(nameof(CompareBatch))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "compare/batch")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            string model = RequestReader.Model(request);
            RequestReader.LimitBody(request, options.Value.MaxRequestBytes);
            BatchCompareRequest body = await RequestReader.ReadJsonAsync(request, ApiJson.Default.BatchCompareRequest, cancellationToken);
            var pairs = (body.Pairs ?? []).Select((pair, i) => (
                new ImageUpload($"pairs[{i}].image1", RequestReader.FromBase64($"pairs[{i}].image1", pair.Image1)),
                new ImageUpload($"pairs[{i}].image2", RequestReader.FromBase64($"pairs[{i}].image2", pair.Image2)))).ToList();
            BatchCompareResponse response =
                await service.CompareManyAsync(model, pairs, RequestReader.Threshold(request), cancellationToken);
            return TypedResults.Json(response, ApiJson.Default.BatchCompareResponse);
        });
}
