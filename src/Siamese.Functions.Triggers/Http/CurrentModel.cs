using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Comparison;
using Siamese.Serving.Contracts;

namespace Siamese.Functions.Triggers.Http;

/// <summary>GET /api/models/current: the model that answers comparisons now, its scores and why it is served.</summary>
public sealed class CurrentModel(CompareService service)
{
    [Function(nameof(CurrentModel))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/current")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Json(await service.CurrentAsync(cancellationToken), ApiJson.Default.ModelInfo);
}
