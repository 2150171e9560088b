using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Serving.Contracts;
using Siamese.Serving.Provider;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Uploads;

/// <summary>
/// Where an upload stands, from storage alone, as `siamese upload --follow` reads it: the dataset's status, its training run
/// for the model name, that run's finished epochs and, once decided, what the name serves.
/// </summary>
public sealed class UploadProgressReader(DatasetStatusStore statuses, BlobCheckpointStore checkpoints, ModelCatalog catalog)
{
    public async Task<UploadProgressResponse> ReadAsync(string datasetId, string? model, CancellationToken cancellationToken)
    {
        string id = CheckDatasetId(datasetId);
        string name = ModelName.Check(model);
        if (await statuses.ReadAsync(id, cancellationToken) is not { } status)
            return new UploadProgressResponse(id, name, null, null, [], null, Finished: false);

        DatasetTraining? training = status.TrainingFor(name);
        IReadOnlyList<UploadEpoch> epochs = training is null ? [] : await EpochsAsync(training.RunId, cancellationToken);
        bool decided = training is { State: not TrainingState.Training };
        NamedModelInfo? served = decided ? await catalog.DescribeAsync(name, cancellationToken) : null;
        return new UploadProgressResponse(id, name, Describe(status), training, epochs, served,
            Finished: decided || status.State == DatasetState.Failed);
    }

    /// <summary>A dataset id is the first 16 hex digits of the upload's SHA-256 (<see cref="Model.Data.ContentIds"/>).</summary>
    public static string CheckDatasetId(string datasetId) =>
        datasetId.Length == Model.Data.ContentIds.Length && datasetId.All(char.IsAsciiHexDigitLower)
            ? datasetId
            : throw new InvalidInputException("upload.dataset-id",
                $"'{datasetId}' is not a dataset id (16 lower-case hex digits, as POST /api/uploads answers).");

    private async Task<IReadOnlyList<UploadEpoch>> EpochsAsync(string runId, CancellationToken cancellationToken)
    {
        var epochs = new List<UploadEpoch>();
        foreach (string folder in await checkpoints.ListEpochCheckpointsAsync(runId, cancellationToken))
            if (await checkpoints.ReadMetadataAsync(folder, cancellationToken) is { } epoch)
                epochs.Add(Describe(epoch));
        return epochs;
    }

    private static UploadEpoch Describe(CheckpointMetadata epoch) => new(epoch.Epoch, epoch.Training.Epochs,
        epoch.Metrics.TrainLoss, epoch.Metrics.ValidationAccuracy, epoch.Metrics.ValidationWays, epoch.WallTimeSeconds);

    private static UploadDatasetInfo Describe(DatasetStatus status) => new(status.State, status.Source, status.ChunksDone,
        status.ChunksTotal, status.Classes, status.Images, status.Impostors, status.Warnings.Total, status.Profile?.Describe(),
        status.RecipeChoice, status.Error);
}
