using Siamese.Storage.Promotion;

namespace Siamese.Storage.Checkpoints;

/// <summary>
/// Blob names inside the models container: models/{runId}/epoch-NNNN/{model.weights, optimizer.state,
/// checkpoint.json, ...}, models/{runId}/latest.json and best.json (the run's newest and best complete checkpoints),
/// models/{runId}/promotion.json (the challenge at the end of the run), and the served pointers, one per model name (the
/// model the compare functions answer with for that name; moved only by promotion or roll-back): models/served.json for
/// `default` (where the single pointer always was, so older storage needs no migration) and models/served/{name}.json for
/// every other name.
/// </summary>
public static class ModelPaths
{
    /// <summary>The folder of the pointers of every name but `default`.</summary>
    public const string ServedFolder = "served/";

    public static string Served(string model) => ModelName.IsDefault(model) ? "served.json" : $"{ServedFolder}{model}.json";

    /// <summary>The model name of a blob under <see cref="ServedFolder"/>, or null when the blob is not a pointer.</summary>
    public static string? ServedModelOf(string blobName) =>
        blobName.StartsWith(ServedFolder, StringComparison.Ordinal) && blobName.EndsWith(".json", StringComparison.Ordinal)
            ? blobName[ServedFolder.Length..^".json".Length]
            : null;

    public static string Checkpoint(string runId, string checkpointName) => $"{runId}/{checkpointName}";
    public static string File(string checkpoint, string fileName) => $"{checkpoint}/{fileName}";
    public static string RunFile(string runId, string fileName) => $"{runId}/{fileName}";
    public static string RunLatest(string runId) => $"{runId}/latest.json";
    public static string RunBest(string runId) => $"{runId}/best.json";
    public static string RunPromotion(string runId) => $"{runId}/promotion.json";
}
