using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Contracts;
using Siamese.Serving.Provider;

namespace Siamese.Functions.Triggers.Http;

/// <summary>GET /api/models: every model name, `default` first, with what it serves (run, epoch, why, since when).</summary>
public sealed class ModelList(ModelCatalog catalog)
{
    [Function(nameof(ModelList))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
            TypedResults.Json(await catalog.ListAsync(cancellationToken), ApiJson.Default.ModelListResponse));
}
