using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Model;
using Siamese.Serving.Contracts;
using Siamese.Storage.Promotion;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// GET /api/models/decisions[?model=name][&amp;limit=50]: the runs challenged for a name, promoted or not and by how much
/// (each run's promotion decision), newest first.
/// </summary>
public sealed class ModelDecisionList(PromotionDecisions decisions)
{
    public const int MaxLimit = 200;

    [Function(nameof(ModelDecisionList))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "models/decisions")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () =>
        {
            string model = RequestReader.Model(request);
            int limit = RequestReader.Integer(request, "limit") ?? 50;
            if (limit is < 1 or > MaxLimit) throw new InvalidInputException("request.query", $"limit is 1 to {MaxLimit}.");
            var response = new ModelDecisionsResponse(model, await decisions.ListAsync(model, limit, cancellationToken));
            return TypedResults.Json(response, ApiJson.Default.ModelDecisionsResponse);
        });
}
