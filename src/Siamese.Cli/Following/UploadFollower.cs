using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Azure.Storage.Blobs;
using Siamese.Cli.Printing;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Storage;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;

namespace Siamese.Cli.Following;

/// <summary>
/// Follows an upload from storage alone (so it works the same against Azurite and Azure): the dataset's status.json
/// (state, chunks built), then its training run for the upload's model name (each epoch's loss and validation score), the
/// promotion decision, and that name's served pointer (the model that answers now, and why). Prints a line when something
/// changes.
/// </summary>
public sealed class UploadFollower(StorageServices storage, TextWriter output, TimeSpan? pollInterval = null)
{
    private readonly TimeSpan interval = pollInterval ?? TimeSpan.FromSeconds(2);
    private readonly HashSet<string> printed = new(StringComparer.Ordinal);

    private BlobContainerClient Datasets => storage.Blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);

    /// <summary>
    /// Watches until the dataset fails or its run for <paramref name="model"/> (null: its latest run, whatever the name) is
    /// decided; 0, or <see cref="CommandExit.Failed"/>.
    /// </summary>
    public async Task<int> FollowAsync(string datasetId, string? model, CancellationToken cancellationToken)
    {
        while (true)
        {
            DatasetStatus? status = await ReadAsync(Datasets, DatasetPaths.Status(datasetId), StorageJson.Default.DatasetStatus,
                cancellationToken);
            if (status is null) await Say("waiting for the pipeline to accept it");
            else if (await ReportAsync(status, model, cancellationToken) is { } exitCode) return exitCode;
            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary>
    /// Prints what storage says about the dataset now; with <paramref name="runId"/>, about that run of it too when it is not
    /// the dataset's latest (status.json follows the latest run only).
    /// </summary>
    public async Task<int> ShowOnceAsync(string datasetId, CancellationToken cancellationToken, string? runId = null)
    {
        DatasetStatus status = await ReadAsync(Datasets, DatasetPaths.Status(datasetId), StorageJson.Default.DatasetStatus,
                                   cancellationToken)
                               ?? throw new InvalidInputException("dataset.not-found", $"There is no dataset {datasetId} " +
                                   $"(no {StorageNames.DatasetsContainer}/{DatasetPaths.Status(datasetId)}).");
        int? decided = await ReportAsync(status, model: null, cancellationToken);
        if (runId is not null && runId != status.Training?.RunId) decided = await ReportEarlierRunAsync(runId, cancellationToken);
        if (decided is null) await ReportServedAsync(status.Training?.Model ?? ModelName.Default, cancellationToken);
        return decided ?? 0;
    }

    private async Task<int?> ReportEarlierRunAsync(string runId, CancellationToken cancellationToken)
    {
        await Say($"earlier training run {runId}");
        await ReportEpochsAsync(runId, cancellationToken);
        PromotionDecision decision = await storage.Get<PromotionDecisions>().ReadAsync(runId, cancellationToken)
                                     ?? throw new InvalidInputException("run.not-decided",
                                         $"Run {runId} has no decision ({StorageNames.ModelsContainer}/" +
                                         $"{ModelPaths.RunPromotion(runId)}): it is not a run of this dataset, or it stopped " +
                                         "before its end.");
        await Say(decision.Summary);
        await ReportServedAsync(decision.Model, cancellationToken);
        return 0;
    }

    /// <summary>
    /// Prints what is new; returns the exit code once the dataset failed or its run for <paramref name="model"/> (null: the
    /// latest run) was decided, else null.
    /// </summary>
    private async Task<int?> ReportAsync(DatasetStatus status, string? model, CancellationToken cancellationToken)
    {
        string chunks = status.ChunksTotal > 0 ? $", {status.ChunksDone}/{status.ChunksTotal} chunks" : "";
        string contents = status.State == DatasetState.Ready ? $" ({status.Classes:N0} classes, {status.Images:N0} images)" : "";
        await Say($"dataset {status.DatasetId}: {status.State}{chunks}{contents}");
        if (status.Profile is { } profile) await Say($"images: {profile.Describe()}");
        if (status.RecipeChoice is { } choice) await Say(choice);
        if (status.State == DatasetState.Failed)
        {
            await Say($"failed: {status.Error?.Code}: {status.Error?.Message}");
            return CommandExit.Failed;
        }
        if ((model is null ? status.Training : status.TrainingFor(model)) is not { } training) return null;

        await Say($"training run {training.RunId} ({training.Recipe}){ModelName.Suffix(training.Model)}");
        await ReportEpochsAsync(training.RunId, cancellationToken);
        if (training.State == TrainingState.Training) return null;

        await Say(training.Summary);
        if (training.State == TrainingState.Failed) return CommandExit.Failed;
        await ReportServedAsync(training.Model, cancellationToken);
        return 0;
    }

    private async Task ReportEpochsAsync(string runId, CancellationToken cancellationToken)
    {
        var checkpoints = storage.Get<BlobCheckpointStore>();
        foreach (string folder in (await checkpoints.ListEpochCheckpointsAsync(runId, cancellationToken)).Where(f => !printed.Contains(f)))
        {
            if (await checkpoints.ReadMetadataAsync(folder, cancellationToken) is not { } epoch) continue;
            printed.Add(folder);
            MetricsInfo metrics = epoch.Metrics;
            string validation = metrics.ValidationAccuracy is { } accuracy
                ? string.Create(CultureInfo.InvariantCulture, $", validation {accuracy * 100:F2} % ({metrics.ValidationWays}-way)")
                : "";
            TimeSpan elapsed = TimeSpan.FromSeconds(epoch.WallTimeSeconds);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  epoch {epoch.Epoch} of {epoch.Training.Epochs}: loss {metrics.TrainLoss:F4}{validation}, " +
                $"{elapsed:mm\\:ss} into the run, {RemainingTime.Describe(epoch)}"));
        }
    }

    private async Task ReportServedAsync(string model, CancellationToken cancellationToken)
    {
        ServedModelPointer? served = await storage.ServedModels.ReadAsync(model, cancellationToken);
        await Say(ModelNames.NowAnswering(model, served));
    }

    /// <summary>Writes <paramref name="line"/> unless it was said before: each poll restates everything, only news is printed.</summary>
    private async Task Say(string line)
    {
        if (printed.Add(line)) await output.WriteLineAsync(line);
    }

    private async Task<T?> ReadAsync<T>(BlobContainerClient container, string name, JsonTypeInfo<T> type,
        CancellationToken cancellationToken) where T : class =>
        (await storage.Documents.ReadAsync(container.GetBlobClient(name), type, cancellationToken))?.Value;
}
