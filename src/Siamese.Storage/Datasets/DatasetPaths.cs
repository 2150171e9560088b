namespace Siamese.Storage.Datasets;

/// <summary>
/// Blob names inside the datasets container; one folder per dataset, named by its content hash, and the records of the
/// uploads prepared (uploads/).
/// </summary>
public static class DatasetPaths
{
    public static string Status(string datasetId) => $"{datasetId}/status.json";
    public static string Index(string datasetId) => $"{datasetId}/index.json";
    public static string Manifest(string datasetId) => $"{datasetId}/manifest.json";
    public static string Shard(string datasetId, int chunk) => $"{datasetId}/shards/shard-{chunk:D5}.zip";
    public static string ImageShard(string datasetId, int chunk) => $"{datasetId}/images/images-{chunk:D5}.zip";
    public static string ChunkMarker(string datasetId, int chunk) => $"{datasetId}/chunks/chunk-{chunk:D5}.json";
    public static string ChunkMarkersPrefix(string datasetId) => $"{datasetId}/chunks/";

    /// <summary>The records of handled uploads (<see cref="UploadRecord"/>); no dataset id (16 hex digits) is this name.</summary>
    public const string UploadsFolder = "uploads/";

    /// <param name="name">The upload's blob name in raw/.</param>
    public static string UploadRecord(string name) => $"{UploadsFolder}{name}.json";
}
