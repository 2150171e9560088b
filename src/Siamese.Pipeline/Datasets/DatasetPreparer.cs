using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;
using Siamese.Pipeline.Delivery;
using Siamese.Pipeline.Recipes;
using Siamese.Pipeline.Uploads;
using Siamese.Storage;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;

namespace Siamese.Pipeline.Datasets;

/// <summary>
/// The first step for an upload in raw/: derive the dataset id from the content hash, check the zip, index its
/// classes, write index.json and status.json, and enqueue one message per chunk of classes. The upload itself is
/// only ever read. The same bytes under another name map to the same dataset and are not prepared twice; two
/// preparations of one upload at once (the trigger and the <see cref="UploadReconciler"/>) enqueue its chunks once.
/// Each preparation that comes to an end records the upload (<see cref="UploadRecords"/>), so the reconciler can
/// tell the uploads nobody prepared.
/// </summary>
public sealed partial class DatasetPreparer(
    BlobServiceClient blobs,
    ResilientStorage storage,
    DatasetStatusStore statuses,
    UploadRecords uploads,
    StorageQueues queues,
    ZipInspector inspector,
    UploadProfiler profiler,
    RecipeChooser recipes,
    DeliveryProbes probes,
    IOptions<PreparationOptions> options,
    TimeProvider time,
    ILogger<DatasetPreparer> logger)
{
    private const int ReadBufferBytes = 4 << 20;

    public async Task PrepareAsync(BlobClient upload, string name, CancellationToken cancellationToken)
    {
        if (DeliveryProbes.IsProbe(name))
        {
            await probes.AnswerAsync(name, cancellationToken);
            return;
        }
        BlobProperties properties = await storage.RunAsync(
            async ct => (await upload.GetPropertiesAsync(cancellationToken: ct)).Value, cancellationToken);
        var readOptions = new BlobOpenReadOptions(allowModifications: false)
        {
            BufferSize = ReadBufferBytes,
            Conditions = new BlobRequestConditions { IfMatch = properties.ETag },
        };
        await using Stream zip = await storage.RunAsync(async ct => await upload.OpenReadAsync(readOptions, ct), cancellationToken);

        string datasetId = await ContentIds.OfAsync(zip, cancellationToken);
        string source = $"{StorageNames.RawContainer}/{name}";
        await EnsureDatasetsContainerAsync(cancellationToken);
        string? claim = await ClaimAsync(datasetId, source, cancellationToken);
        if (claim is null)
        {
            await TrainAnotherRecipeAsync(datasetId, source, properties.Metadata, cancellationToken);
            await uploads.RecordAsync(name, properties.ETag, datasetId, UploadOutcome.SameContent, cancellationToken);
            return;
        }
        LogAccepted(source, datasetId, properties.ContentLength);

        try
        {
            zip.Position = 0;
            ZipInspection inspection = inspector.Inspect(zip, properties.ContentLength, name, cancellationToken);
            inspection.Index.RequireTrainable(name);
            zip.Position = 0;
            ImageProfile profile = profiler.Measure(zip, inspection.Index, cancellationToken);
            RecipeDecision choice = recipes.Choose(properties.Metadata, inspection.RecipeFile, name, profile);
            TrainingRecipe recipe = choice.Recipe;
            string model = RecipeChooser.ChooseModel(properties.Metadata, inspection.RecipeFile, name);
            DatasetIndex index = DatasetRecipe.Plan(options.Value, datasetId, source, properties.ETag.ToString(), inspection.Index, recipe)
                with { Model = model, Profile = profile, RecipeChoice = choice.Summary };
            LogMeasured(datasetId, profile.Describe(), profile.Sampled, profile.DrawingShare, profile.PaperFraction,
                profile.MidToneFraction, profile.GreyFraction, choice.Summary);

            BlobContainerClient datasets = blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);
            await storage.WriteAsync(
                datasets.GetBlobClient(DatasetPaths.Index(datasetId)), index, StorageJson.Default.DatasetIndex, cancellationToken);
            // Only the holder of the claim moves the dataset on and enqueues its chunks, so they are enqueued once.
            DatasetStatus? building = await statuses.UpdateAsync(datasetId, s => s is { State: DatasetState.Accepted } && s.Claim == claim
                ? s with
                {
                    State = DatasetState.Building,
                    Classes = index.Classes.Count,
                    Images = inspection.Index.ImageCount,
                    ChunksTotal = index.Chunks.Count,
                    Warnings = inspection.Warnings,
                    Impostors = index.Impostors,
                    ClassesWithImpostors = index.ClassesWithImpostors,
                    Profile = profile,
                    RecipeChoice = choice.Summary,
                }
                : null, cancellationToken);
            if (building is not { State: DatasetState.Building } || building.Claim != claim)
            {
                LogTakenOver(source, datasetId);
                return;
            }

            for (int chunk = 0; chunk < index.Chunks.Count; chunk++)
                await queues.SendAsync(
                    StorageNames.PrepareChunksQueue,
                    new ChunkMessage(datasetId, chunk, index.Chunks.Count),
                    StorageJson.Default.ChunkMessage,
                    cancellationToken);
            LogPlanned(datasetId, index.Classes.Count, inspection.Index.ImageCount, index.Chunks.Count,
                inspection.Warnings.Total, recipe.ToString());
        }
        catch (InvalidInputException ex)
        {
            // Bad input: retrying cannot help. Report it and let the trigger complete.
            await statuses.FailAsync(datasetId, ex.Code, ex.Message, cancellationToken);
            LogRejected(source, datasetId, ex.Code, ex.Message);
            await uploads.RecordAsync(name, properties.ETag, datasetId, UploadOutcome.Rejected, cancellationToken);
            return;
        }
        await uploads.RecordAsync(name, properties.ETag, datasetId, UploadOutcome.Prepared, cancellationToken);
    }

    /// <summary>
    /// Creates the dataset's status with a claim of this attempt's own; null when the dataset is not this attempt's to
    /// prepare. Another upload of the same bytes finds it taken and stops. Another attempt at this upload (a retry after
    /// a transient failure, or the trigger and the reconciler at once) finds it still accepted and takes the claim over:
    /// the last to claim it moves it on, an earlier one stops there (<see cref="LogTakenOver"/>).
    /// </summary>
    private async Task<string?> ClaimAsync(string datasetId, string source, CancellationToken cancellationToken)
    {
        string claim = Guid.NewGuid().ToString("N");
        var accepted = new DatasetStatus
        {
            DatasetId = datasetId,
            State = DatasetState.Accepted,
            Source = source,
            UpdatedUtc = time.GetUtcNow(),
            Claim = claim,
        };
        if (await statuses.TryCreateAsync(accepted, cancellationToken)) return claim;

        DatasetStatus? existing = await statuses.UpdateAsync(
            datasetId,
            s => s is { State: DatasetState.Accepted } && s.Source == source ? s with { Claim = claim } : null,
            cancellationToken);
        if (existing is { State: DatasetState.Accepted } && existing.Claim == claim) return claim;
        LogDuplicate(source, datasetId, existing?.Source ?? "?", existing?.State.ToString() ?? "?");
        return null;
    }

    /// <summary>
    /// The same content uploaded again with blob metadata that chooses another recipe or another model name: the dataset is
    /// reused (it depends on neither) and the recipe is trained on it for that name. Without such metadata nothing happens.
    /// </summary>
    private async Task TrainAnotherRecipeAsync(
        string datasetId,
        string source,
        IDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        if (!RecipeChooser.ChoosesInMetadata(metadata)) return;
        DatasetStatus? status = await statuses.ReadAsync(datasetId, cancellationToken);
        if (status is not { State: DatasetState.Ready }) return;
        BlobContainerClient datasets = blobs.GetBlobContainerClient(StorageNames.DatasetsContainer);
        DatasetIndex index = await storage.ReadRequiredAsync(
            datasets.GetBlobClient(DatasetPaths.Index(datasetId)), StorageJson.Default.DatasetIndex, cancellationToken);
        TrainingRecipe recipe;
        string model;
        try
        {
            recipe = recipes.ChooseAgain(index.Recipe, metadata);
            model = ModelName.Check(RecipeChooser.ModelIn(metadata) ?? index.Model);
        }
        catch (InvalidInputException ex)
        {
            LogRecipeRejected(source, datasetId, ex.Code, ex.Message);
            return;
        }
        if (index.Recipe is not null && recipe.Fingerprint() == index.Recipe.Fingerprint() && model == index.Model) return;
        await queues.SendAsync(
            StorageNames.TrainingRequestsQueue,
            new TrainingRequest(datasetId, DatasetPaths.Manifest(datasetId), time.GetUtcNow()) { Recipe = recipe, Model = model },
            StorageJson.Default.TrainingRequest,
            cancellationToken);
        LogAnotherRecipe(source, datasetId, recipe.ToString(), model);
    }

    private Task EnsureDatasetsContainerAsync(CancellationToken cancellationToken) =>
        storage.RunAsync(
            async ct =>
            {
                await blobs.GetBlobContainerClient(StorageNames.DatasetsContainer).CreateIfNotExistsAsync(cancellationToken: ct);
            },
            cancellationToken).AsTask();

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted {Source} as dataset {DatasetId} ({Bytes} bytes)")]
    private partial void LogAccepted(string source, string datasetId, long bytes);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Dataset {DatasetId}: {Images} ({Sampled} sampled: {DrawingShare} look drawn, paper {Paper}, mid-tones " +
            "{MidTones}, grey {Grey}); {RecipeChoice}")]
    private partial void LogMeasured(
        string datasetId, string images, int sampled, double drawingShare, double paper, double midTones, double grey,
        string recipeChoice);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Dataset {DatasetId}: {Classes} classes, {Images} images in {Chunks} chunks; " +
            "{Warnings} entries skipped; recipe {Recipe}")]
    private partial void LogPlanned(string datasetId, int classes, int images, int chunks, int warnings, string recipe);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "{Source} has the content of ready dataset {DatasetId} and chooses recipe {Recipe} for model {Model}: " +
            "training requested on that dataset")]
    private partial void LogAnotherRecipe(string source, string datasetId, string recipe, string model);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "{Source} (content of dataset {DatasetId}) chooses a recipe that cannot be used: {Code}: {Reason}")]
    private partial void LogRecipeRejected(string source, string datasetId, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Source} (dataset {DatasetId}): {Code}: {Reason}")]
    private partial void LogRejected(string source, string datasetId, string code, string reason);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "{Source} (dataset {DatasetId}): another preparation of the same upload took it over; leaving it to that one")]
    private partial void LogTakenOver(string source, string datasetId);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "{Source} has the same content as dataset {DatasetId} (from {Existing}, {State}); nothing to do")]
    private partial void LogDuplicate(string source, string datasetId, string existing, string state);
}
