using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Contracts;
using Siamese.Serving.Provider;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// POST /api/models/promote {"runId", "checkpoint"?, "reason"?, "model"?}: an operator serves a run's checkpoint under a model
/// name (`default` when absent; admin key in Azure).
/// </summary>
public sealed class PromoteModel(ModelAdministration administration)
{
    [Function(nameof(PromoteModel))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/promote")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            var body = await RequestReader.ReadOptionalJsonAsync(request, RequestReader.MaxCommandBytes, ApiJson.Default.PromoteRequest,
                new PromoteRequest(null, null, null), cancellationToken);
            return TypedResults.Json(await administration.PromoteAsync(body, cancellationToken), ApiJson.Default.ServedModelPointer);
        });
}
