using Azure.Storage.Blobs;
using Siamese.Model.Checkpoints;

namespace Siamese.Storage.Checkpoints;

/// <summary>
/// A run's folder in the models container (models/{runId}/, see <see cref="ModelPaths"/>); each file is one upload
/// through the storage resilience pipeline, and a file with a media type carries it, so a browser opens it as what it is.
/// </summary>
internal sealed class BlobRunFolder(BlobContainerClient models, ResilientStorage storage, string runId) : ICheckpointTarget
{
    public Task WriteAsync(string? checkpoint, string fileName, byte[] content, string? contentType, CancellationToken cancellationToken)
    {
        BlobClient blob = models.GetBlobClient(checkpoint is null
            ? ModelPaths.RunFile(runId, fileName)
            : ModelPaths.File(ModelPaths.Checkpoint(runId, checkpoint), fileName));
        return contentType is null
            ? storage.UploadAsync(blob, content, conditions: null, cancellationToken)
            : storage.UploadContentAsync(blob, content, contentType, cancellationToken);
    }
}
