namespace Siamese.Storage.Checkpoints;

/// <summary>
/// Blob names inside the models container: models/{runId}/epoch-NNNN/{model.weights, optimizer.state,
/// checkpoint.json, ...}, models/{runId}/latest.json and best.json (the run's newest and best complete checkpoints),
/// models/{runId}/promotion.json (the challenge at the end of the run) and models/served.json (the model the compare
/// functions answer with; moved only by promotion or roll-back).
/// </summary>
public static class ModelPaths
{
    public const string Served = "served.json";

    public static string Checkpoint(string runId, string checkpointName) => $"{runId}/{checkpointName}";
    public static string File(string checkpoint, string fileName) => $"{checkpoint}/{fileName}";
    public static string RunFile(string runId, string fileName) => $"{runId}/{fileName}";
    public static string RunLatest(string runId) => $"{runId}/latest.json";
    public static string RunBest(string runId) => $"{runId}/best.json";
    public static string RunPromotion(string runId) => $"{runId}/promotion.json";
}
