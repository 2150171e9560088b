using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Http;
using Siamese.Serving.Models;

namespace Siamese.Serving.Functions;

/// <summary>POST /api/models/rollback {"reason"?}: an operator serves the model served before the current one (admin key in Azure).</summary>
public sealed class RollBackModel(ModelAdministration administration)
{
    [Function(nameof(RollBackModel))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/rollback")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () => new OkObjectResult(await administration.RollBackAsync(request, cancellationToken)));
}
