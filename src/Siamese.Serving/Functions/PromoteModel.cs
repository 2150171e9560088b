using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Http;
using Siamese.Serving.Models;

namespace Siamese.Serving.Functions;

/// <summary>POST /api/models/promote {"runId", "checkpoint"?, "reason"?}: an operator serves a run's checkpoint (admin key in Azure).</summary>
public sealed class PromoteModel(ModelAdministration administration)
{
    [Function(nameof(PromoteModel))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/promote")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () => new OkObjectResult(await administration.PromoteAsync(request, cancellationToken)));
}
