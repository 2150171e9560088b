using Siamese.Model;
using Siamese.Serving.Contracts;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Provider;

/// <summary>
/// An operator's promote and roll-back of one model name through the API: moves that name's served pointer (logged by
/// <see cref="ServedModels"/>) and has this host answer for the name with the new model from the next request on.
/// </summary>
public sealed class ModelAdministration(ServedModels served, ModelProvider models)
{
    public async Task<ServedModelPointer> PromoteAsync(PromoteRequest request, CancellationToken cancellationToken)
    {
        string model = ModelName.Check(request.Model);
        if (string.IsNullOrWhiteSpace(request.RunId))
            throw new InvalidInputException("models.run-missing", "Give the runId of the run to promote: {\"runId\": \"...\"}.");
        ServedModelPointer pointer = await served.PromoteRunAsync(
            model, request.RunId, request.Checkpoint, request.Reason ?? ManualPromotion.PromotedBy(ManualPromotion.Api), cancellationToken);
        models.CheckNow(model);
        return pointer;
    }

    public async Task<ServedModelPointer> RollBackAsync(RollBackRequest request, CancellationToken cancellationToken)
    {
        string model = ModelName.Check(request.Model);
        ServedModelPointer pointer = await served.RollBackAsync(
            model, request.Reason ?? ManualPromotion.RolledBackBy(ManualPromotion.Api), cancellationToken);
        models.CheckNow(model);
        return pointer;
    }
}
