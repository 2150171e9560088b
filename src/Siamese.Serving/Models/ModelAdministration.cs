using Microsoft.AspNetCore.Http;
using Siamese.Pipeline.Models;
using Siamese.Serving.Http;

namespace Siamese.Serving.Models;

/// <summary>
/// An operator's promote and roll-back over HTTP: moves models/served.json (logged by <see cref="ServedModels"/>) and has
/// this host answer with the new model from the next request on.
/// </summary>
public sealed class ModelAdministration(ServedModels served, ModelProvider models)
{
    private const long MaxBodyBytes = 16 << 10;

    public async Task<ServedModelPointer> PromoteAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        PromoteRequest body = await ReadAsync(request, ApiJson.Default.PromoteRequest, cancellationToken) ?? new PromoteRequest(null, null, null);
        if (string.IsNullOrWhiteSpace(body.RunId))
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "models.run-missing", "Give the runId of the run to promote: {\"runId\": \"...\"}.");
        ServedModelPointer pointer = await served.PromoteRunAsync(body.RunId, body.Checkpoint, body.Reason ?? "promoted by an operator (API)", cancellationToken);
        models.CheckNow();
        return pointer;
    }

    public async Task<ServedModelPointer> RollBackAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        RollBackRequest? body = await ReadAsync(request, ApiJson.Default.RollBackRequest, cancellationToken);
        ServedModelPointer pointer = await served.RollBackAsync(body?.Reason ?? "rolled back by an operator (API)", cancellationToken);
        models.CheckNow();
        return pointer;
    }

    /// <summary>The JSON body, or null when there is none.</summary>
    private static async Task<T?> ReadAsync<T>(HttpRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken) where T : class
    {
        RequestReader.LimitBody(request, MaxBodyBytes);
        if (request.ContentLength is 0 || request.ContentLength is null && !RequestReader.IsJson(request)) return null;
        return await RequestReader.ReadJsonAsync(request, type, cancellationToken);
    }
}
