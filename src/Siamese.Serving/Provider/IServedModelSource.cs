using Siamese.Model.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Provider;

/// <summary>
/// Where <see cref="ModelProvider"/> learns which model each name serves and gets its weights: the served pointers and the
/// checkpoints they name (<see cref="StorageModelSource"/>), or a test's fake.
/// </summary>
public interface IServedModelSource
{
    /// <summary>The served pointer of a model name, or null while nothing was ever promoted under it.</summary>
    Task<ServedModelPointer?> ReadPointerAsync(string model, CancellationToken cancellationToken);

    /// <summary>The names that serve something, `default` first (for an error that says which exist).</summary>
    Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken);

    /// <summary>The checkpoint a pointer names (its folder in the models container), loaded.</summary>
    Task<StoredCheckpoint> LoadCheckpointAsync(string checkpoint, CancellationToken cancellationToken);
}
