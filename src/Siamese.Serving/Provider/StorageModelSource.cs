using Siamese.Model.Checkpoints;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Provider;

/// <summary>
/// The served models as storage has them: the pointers <see cref="ServedModels"/> moves, checkpoints from the models container.
/// </summary>
public sealed class StorageModelSource(BlobCheckpointStore store, ServedModels served) : IServedModelSource
{
    public Task<ServedModelPointer?> ReadPointerAsync(string model, CancellationToken cancellationToken) =>
        served.ReadAsync(model, cancellationToken);

    public Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken) => served.NamesAsync(cancellationToken);

    public async Task<StoredCheckpoint> LoadCheckpointAsync(string checkpoint, CancellationToken cancellationToken) =>
        (await store.LoadAsync(checkpoint, cancellationToken)).Rebuild();
}
