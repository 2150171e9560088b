using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Storage;
using Siamese.Storage.Datasets;
using Siamese.Storage.Uploads;

namespace Siamese.AppHost.Commands;

/// <summary>"Upload sample zip": the repository's Omniglot sample into raw/, where the pipeline prepares and trains it.</summary>
public static class UploadSampleCommand
{
    public const string Name = "upload-sample-zip";

    /// <summary>Relative to the repository root: 5 alphabets, 136 characters, 2,720 images (MIT, see its LICENSE).</summary>
    public static readonly string SampleZip = Path.Combine("data", "omniglot", "images_background_small1.zip");

    public static IResourceBuilder<T> WithUploadSampleCommand<T>(this IResourceBuilder<T> resource, string repositoryRoot)
        where T : IResource =>
        resource.WithCommand(Name, "Upload sample zip",
            context => UploadAsync(context.Services.GetRequiredService<ProductStorage>().Get<BlobServiceClient>(), repositoryRoot,
                context.CancellationToken),
            new CommandOptions
            {
                Description = $"Uploads {SampleZip} to raw/: the pipeline prepares a dataset from it and trains the recipe of " +
                              "appsettings.json; the result names the dataset.",
                IconName = "ArrowUpload",
                UpdateState = CommandStates.EnabledWhileRunning,
            });

    /// <summary>Uploads the sample as the siamese tool does (RawUploads); the message names the dataset it becomes.</summary>
    public static Task<ExecuteCommandResult> UploadAsync(BlobServiceClient blobs, string repositoryRoot,
        CancellationToken cancellationToken) =>
        CommandStates.RefusalsAsFailures(async () =>
        {
            string zip = Path.Combine(repositoryRoot, SampleZip);
            try
            {
                RawUpload upload = await RawUploads.UploadAsync(blobs, zip, blobName: null, recipe: null, settings: [], model: null,
                    cancellationToken);
                return CommandResults.Success($"Dataset {upload.DatasetId}: {upload.Describe(SampleZip)}");
            }
            catch (InvalidInputException ex) when (ex.Code == "upload.exists")
            {
                // RawUploads' message suggests the siamese tool's --name, which the dashboard has not.
                string datasetId;
                await using (FileStream content = File.OpenRead(zip)) datasetId = await ContentIds.OfAsync(content, cancellationToken);
                return CommandResults.Failure(
                    $"raw/{Path.GetFileName(zip)} exists already and uploads are never replaced: the sample was uploaded before. " +
                    $"Its dataset is {datasetId} ({StorageNames.DatasetsContainer}/{DatasetPaths.Status(datasetId)}).");
            }
        });
}
