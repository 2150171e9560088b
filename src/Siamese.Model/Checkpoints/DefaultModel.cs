using Siamese.Model.Network;

namespace Siamese.Model.Checkpoints;

/// <summary>
/// The model shipped with the app (src/Siamese.Model/DefaultModel, copied next to each host that needs it): served
/// until a trained model wins promotion, and the first champion every challenger meets.
/// </summary>
public static class DefaultModel
{
    public const string FolderName = "DefaultModel";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, FolderName);

    public static (SiameseNetwork Network, CheckpointMetadata Metadata) Load() => LocalCheckpointStore.Load(Folder);

    /// <summary>The default model's checkpoint.json alone (run, epoch, scores), without loading its weights.</summary>
    public static CheckpointMetadata ReadMetadata() => LocalCheckpointStore.ReadMetadata(Folder);

    /// <summary>
    /// The benchmark the default model was chosen on, shipped beside it (Lake's 20-way one-shot runs, data/omniglot/all_runs.zip),
    /// so every challenger of `default` is scored on it too.
    /// </summary>
    public static string Benchmark => Path.Combine(Folder, "all_runs.zip");
}
