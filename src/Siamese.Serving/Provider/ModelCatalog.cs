using Siamese.Model.Checkpoints;
using Siamese.Serving.Contracts;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Provider;

/// <summary>
/// Every model name and what it serves, from the served pointers alone: listing names loads no model, so it costs no
/// memory however many names there are.
/// </summary>
public sealed class ModelCatalog(ServedModels served)
{
    /// <summary>Why the default model answers while nothing was promoted for `default`.</summary>
    public const string ShippedModelWhy = "the default model shipped with the app: no trained model has won promotion yet";

    private readonly Lazy<CheckpointMetadata> shipped = new(DefaultModel.ReadMetadata);

    public async Task<ModelListResponse> ListAsync(CancellationToken cancellationToken) =>
        new((await served.ListAsync(cancellationToken)).Select(Describe).ToList());

    /// <summary>What the name serves now, or null when it serves nothing (every name but `default` until its first promotion).</summary>
    public async Task<NamedModelInfo?> DescribeAsync(string model, CancellationToken cancellationToken)
    {
        ServedModelPointer? pointer = await served.ReadAsync(model, cancellationToken);
        return pointer is null && !ModelName.IsDefault(model) ? null : Describe(new NamedModel(model, pointer));
    }

    private NamedModelInfo Describe(NamedModel named) => named.Pointer switch
    {
        null => new NamedModelInfo(named.Model, shipped.Value.RunId, shipped.Value.Epoch, "default", DefaultModel.FolderName,
            ShippedModelWhy),
        { IsDefault: true } pointer => new NamedModelInfo(named.Model, shipped.Value.RunId, shipped.Value.Epoch, "default",
            DefaultModel.FolderName, pointer.Reason) { ServedSinceUtc = pointer.UpdatedUtc, Challenge = pointer.Scores },
        { } pointer => new NamedModelInfo(named.Model, pointer.RunId, pointer.Epoch, "storage", $"models/{pointer.Checkpoint}",
            pointer.Reason) { ServedSinceUtc = pointer.UpdatedUtc, Challenge = pointer.Scores },
    };
}
