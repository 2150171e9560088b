namespace Siamese.Storage;

/// <summary>
/// Names shared by every host, the tests and the infrastructure: one connection, its containers and queues.
/// </summary>
public static class StorageNames
{
    /// <summary>The connection setting: a connection string ("Storage"), or Storage__blobServiceUri and
    /// Storage__queueServiceUri with a managed identity in Azure.</summary>
    public const string Connection = "Storage";

    public const string RawContainer = "raw";
    public const string DatasetsContainer = "datasets";
    public const string ModelsContainer = "models";

    /// <summary>The compare API's galleries: {name}/gallery.json, the change log {name}/log/ and the images {name}/images/.</summary>
    public const string GalleriesContainer = "galleries";

    /// <summary>Blob metadata of an upload in raw/ that chooses its training recipe (recipe=original); other metadata
    /// named Training__X, Model__X or Jitter__X override single values of the recipe.</summary>
    public const string RecipeMetadata = "recipe";

    public const string PrepareChunksQueue = "prepare-chunks";
    public const string TrainingRequestsQueue = "training-requests";

    /// <summary>Where the functions host moves a message that failed every attempt.</summary>
    public const string PoisonSuffix = "-poison";
}
