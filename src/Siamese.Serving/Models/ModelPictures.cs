using Microsoft.AspNetCore.Http;
using Siamese.Model.Checkpoints;
using Siamese.Pipeline.Models;
using Siamese.Serving.Http;

namespace Siamese.Serving.Models;

/// <summary>The pictures (training curves, validation report) of the model that answers comparisons now.</summary>
public sealed class ModelPictures(ModelProvider models, ModelStore store)
{
    public async Task<CheckpointAttachment> ReadAsync(string file, CancellationToken cancellationToken)
    {
        if (!CheckpointPictures.Files.Contains(file))
            throw new ApiProblemException(StatusCodes.Status404NotFound, "picture.unknown",
                $"'{file}' is not a picture of a model; there are {string.Join(" and ", CheckpointPictures.Files)}.");

        string? folder;
        using (ModelLease lease = await models.AcquireAsync(cancellationToken)) folder = lease.Model.StorageFolder;
        if (folder is null)
            throw new ApiProblemException(StatusCodes.Status404NotFound, "picture.default-model",
                "The model answering now is the default model shipped with the app, which has no pictures; a model trained by the pipeline brings its own.");
        return await store.ReadAttachmentAsync(folder, file, cancellationToken)
               ?? throw new ApiProblemException(StatusCodes.Status404NotFound, "picture.not-found",
                   $"Checkpoint models/{folder} has no {file} (a run without a validation split has no report).");
    }
}
