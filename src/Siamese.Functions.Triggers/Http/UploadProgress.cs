using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Siamese.Serving.Contracts;
using Siamese.Serving.Uploads;

namespace Siamese.Functions.Triggers.Http;

/// <summary>
/// GET /api/uploads/{datasetId}[?model=name]: where the upload stands (dataset, training run, epochs, decision, the model the
/// name then serves), as `siamese upload --follow` shows it; poll until <c>finished</c>.
/// </summary>
public sealed class UploadProgress(UploadProgressReader reader)
{
    [Function(nameof(UploadProgress))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "uploads/{datasetId}")] HttpRequest request,
        string datasetId,
        CancellationToken cancellationToken) =>
        ApiProblem.HandleAsync(async () => TypedResults.Json(
            await reader.ReadAsync(datasetId, RequestReader.Model(request), cancellationToken), ApiJson.Default.UploadProgressResponse));
}
