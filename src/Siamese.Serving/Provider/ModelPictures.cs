using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Storage.Checkpoints;

namespace Siamese.Serving.Provider;

/// <summary>The pictures (training curves, validation report) of the model that answers comparisons for a name now.</summary>
public sealed class ModelPictures(ModelProvider models, BlobCheckpointStore store)
{
    public async Task<CheckpointAttachment> ReadAsync(string? model, string file, CancellationToken cancellationToken)
    {
        if (!CheckpointPictures.Files.Contains(file))
            throw new MissingInputException("picture.unknown",
                $"'{file}' is not a picture of a model; there are {string.Join(" and ", CheckpointPictures.Files)}.");

        string? folder;
        string name;
        using (ModelLease lease = await models.AcquireAsync(model, cancellationToken))
            (folder, name) = (lease.Model.StorageFolder, lease.Model.Name);
        if (folder is null)
            throw new MissingInputException("picture.default-model",
                $"The model answering for '{name}' now is the default model shipped with the app, which has no pictures; " +
                "a model trained by the pipeline brings its own.");
        return await store.ReadAttachmentAsync(folder, file, cancellationToken)
               ?? throw new MissingInputException("picture.not-found",
                   $"Checkpoint models/{folder} has no {file} (a run without a validation split has no report).");
    }
}
