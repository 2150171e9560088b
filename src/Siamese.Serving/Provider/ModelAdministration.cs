using Siamese.Model;
using Siamese.Serving.Contracts;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Provider;

/// <summary>
/// An operator's promote and roll-back through the API: moves models/served.json (logged by <see cref="ServedModels"/>)
/// and has this host answer with the new model from the next request on.
/// </summary>
public sealed class ModelAdministration(ServedModels served, ModelProvider models)
{
    public async Task<ServedModelPointer> PromoteAsync(PromoteRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RunId))
            throw new InvalidInputException("models.run-missing", "Give the runId of the run to promote: {\"runId\": \"...\"}.");
        ServedModelPointer pointer = await served.PromoteRunAsync(
            ModelName.Default, request.RunId, request.Checkpoint, request.Reason ?? "promoted by an operator (API)", cancellationToken);
        models.CheckNow();
        return pointer;
    }

    public async Task<ServedModelPointer> RollBackAsync(RollBackRequest request, CancellationToken cancellationToken)
    {
        ServedModelPointer pointer = await served.RollBackAsync(ModelName.Default,
            request.Reason ?? "rolled back by an operator (API)", cancellationToken);
        models.CheckNow();
        return pointer;
    }
}
