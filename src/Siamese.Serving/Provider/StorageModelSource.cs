using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Provider;

/// <summary>
/// The served model as storage has it: the pointer <see cref="ServedModels"/> moves, checkpoints from the models container.
/// </summary>
public sealed class StorageModelSource(BlobCheckpointStore store, ServedModels served) : IServedModelSource
{
    public Task<ServedModelPointer?> ReadPointerAsync(CancellationToken cancellationToken) =>
        served.ReadAsync(ModelName.Default, cancellationToken);

    public Task<StoredCheckpoint> LoadCheckpointAsync(string checkpoint, CancellationToken cancellationToken) =>
        store.LoadAsync(checkpoint, expected: null, cancellationToken);
}
