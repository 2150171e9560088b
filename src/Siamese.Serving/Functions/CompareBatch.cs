using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Siamese.Serving.Comparison;
using Siamese.Serving.Http;

namespace Siamese.Serving.Functions;

/// <summary>POST /api/compare/batch[?threshold=0.7]: {"pairs": [{"image1": base64, "image2": base64}, ...]} → one result per pair.</summary>
public sealed class CompareBatch(CompareService service, IOptions<ServingOptions> options)
{
    [Function(nameof(CompareBatch))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "compare/batch")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            RequestReader.LimitBody(request, options.Value.MaxRequestBytes);
            BatchCompareRequest body = await RequestReader.ReadJsonAsync(request, ApiJson.Default.BatchCompareRequest, cancellationToken);
            var pairs = (body.Pairs ?? []).Select((p, i) => (
                new ImageUpload($"pairs[{i}].image1", RequestReader.FromBase64($"pairs[{i}].image1", p.Image1)),
                new ImageUpload($"pairs[{i}].image2", RequestReader.FromBase64($"pairs[{i}].image2", p.Image2)))).ToList();
            return new OkObjectResult(await service.CompareManyAsync(pairs, RequestReader.Threshold(request), cancellationToken));
        });
}
