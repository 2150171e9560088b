using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Contracts;
using Siamese.Serving.Provider;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// POST /api/models/rollback {"reason"?, "model"?}: an operator serves the model a name served before the current one
/// (`default` when absent; admin key in Azure).
/// </summary>
public sealed class RollBackModel(ModelAdministration administration)
{
    [Function(nameof(RollBackModel))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "models/rollback")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            var body = await RequestReader.ReadOptionalJsonAsync(request, RequestReader.MaxCommandBytes, ApiJson.Default.RollBackRequest,
                new RollBackRequest(null), cancellationToken);
            return TypedResults.Json(await administration.RollBackAsync(body, cancellationToken), ApiJson.Default.ServedModelPointer);
        });
}
