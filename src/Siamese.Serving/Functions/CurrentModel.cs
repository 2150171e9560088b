using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Comparison;

namespace Siamese.Serving.Functions;

/// <summary>GET /api/models/current: the model that answers comparisons now.</summary>
public sealed class CurrentModel(CompareService service)
{
    [Function(nameof(CurrentModel))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/current")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new OkObjectResult(await service.CurrentAsync(cancellationToken));
}
