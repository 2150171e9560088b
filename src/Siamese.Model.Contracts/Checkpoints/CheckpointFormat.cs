namespace Siamese.Model.Checkpoints;

/// <summary>
/// What a checkpoint is, wherever it is stored (a local run folder or a run's blobs): the names of its files and
/// pointers and which names an attachment may take (the network they describe: <c>CheckpointNetwork</c> in Siamese.Model).
/// </summary>
public static class CheckpointFormat
{
    public const string WeightsFile = "model.weights";
    public const string OptimizerFile = "optimizer.state";
    public const string MetadataFile = "checkpoint.json";
    public const string LatestPointer = "latest.json";
    public const string BestPointer = "best.json";

    public static string CheckpointName(int epoch) => $"epoch-{epoch:D4}";

    /// <summary>An attachment's name is a plain file name that cannot replace the checkpoint's own files.</summary>
    public static string RequireFileName(string fileName) =>
        fileName.Length > 0 && Path.GetFileName(fileName) == fileName
        && fileName is not (WeightsFile or OptimizerFile or MetadataFile or LatestPointer or BestPointer)
            ? fileName
            : throw new ArgumentException(
                $"'{fileName}' cannot be a checkpoint attachment: give a plain file name other than the checkpoint's own files.",
                nameof(fileName));
}
