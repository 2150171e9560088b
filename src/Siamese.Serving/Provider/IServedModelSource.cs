using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Provider;

/// <summary>
/// Where <see cref="ModelProvider"/> learns which model to serve and gets its weights: models/served.json and the
/// checkpoint it names (<see cref="StorageModelSource"/>), or a test's fake.
/// </summary>
public interface IServedModelSource
{
    /// <summary>The served-model pointer, or null while nothing was ever promoted.</summary>
    Task<ServedModelPointer?> ReadPointerAsync(CancellationToken cancellationToken);

    /// <summary>The checkpoint a pointer names (its folder in the models container), loaded.</summary>
    Task<StoredCheckpoint> LoadCheckpointAsync(string checkpoint, CancellationToken cancellationToken);
}
