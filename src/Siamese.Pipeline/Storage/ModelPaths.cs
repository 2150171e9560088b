namespace Siamese.Pipeline.Storage;

/// <summary>
/// Blob names inside the models container: models/{runId}/epoch-NNNN/{model.weights, optimizer.state,
/// checkpoint.json}, models/{runId}/latest.json (the run's newest complete checkpoint) and models/latest.json (the
/// newest complete checkpoint of any run, which the compare functions load). Pointers are written last.
/// </summary>
public static class ModelPaths
{
    public const string GlobalLatest = "latest.json";

    public static string Checkpoint(string runId, string checkpointName) => $"{runId}/{checkpointName}";
    public static string File(string checkpoint, string fileName) => $"{checkpoint}/{fileName}";
    public static string RunLatest(string runId) => $"{runId}/latest.json";
    public static string RunBest(string runId) => $"{runId}/best.json";
}
