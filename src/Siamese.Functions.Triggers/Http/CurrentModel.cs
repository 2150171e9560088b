using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Comparison;
using Siamese.Serving.Contracts;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// GET /api/models/current[?model=name]: the model that answers comparisons for the name now, its scores and why it is served.
/// </summary>
public sealed class CurrentModel(CompareService service)
{
    [Function(nameof(CurrentModel))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/current")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
            TypedResults.Json(await service.CurrentAsync(RequestReader.Model(request), cancellationToken), ApiJson.Default.ModelInfo));
}
