using System.CommandLine;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Recipes;
using Siamese.Storage;
using Siamese.Storage.Datasets;

namespace Siamese.Trainer.Commands;

/// <summary>
/// `upload`: puts a zip into the container raw (connection setting Storage), where the pipeline picks it up, with its
/// recipe choice as blob metadata. The upload is never replaced: an existing blob of that name is an error.
/// </summary>
internal static class UploadCommand
{
    public static Command Create(CommandContext context)
    {
        var zip = new Argument<string>("zip") { Description = "The zip of labelled images (one folder per class)" };
        var name = new Option<string?>("--name") { Description = "The blob name in raw/ (default: the file's name)" };
        var recipe = new Option<string?>("--recipe")
        {
            Description = $"The recipe to train: {string.Join(" or ", TrainingRecipes.Presets.Keys)} " +
                          $"(default: the pipeline's, {TrainingRecipes.Default})",
        };
        var set = new Option<string[]>("--set") { Description = "A single recipe value, e.g. --set Training:Epochs=2 (repeatable)" };
        var command = new Command("upload", "Upload a zip into raw/ for the pipeline to prepare and train, with its recipe choice " +
                                            "as blob metadata.")
        {
            zip, name, recipe, set,
        };

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, async (services, ct) =>
        {
            string path = result.GetValue(zip)!;
            if (!File.Exists(path)) throw new MissingInputException("upload.not-found", $"'{path}' does not exist.");
            var metadata = Metadata(result.GetValue(recipe), result.GetValue(set) ?? []);
            string blobName = result.GetValue(name) ?? Path.GetFileName(path);

            BlobContainerClient raw = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.RawContainer);
            await raw.CreateIfNotExistsAsync(cancellationToken: ct);
            await using FileStream content = File.OpenRead(path);
            try
            {
                await raw.GetBlobClient(blobName).UploadAsync(content, new BlobUploadOptions
                {
                    Metadata = metadata,
                    Conditions = new BlobRequestConditions { IfNoneMatch = Azure.ETag.All },
                }, ct);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 409)
            {
                throw new InvalidInputException("upload.exists",
                    $"raw/{blobName} exists already and uploads are never replaced; give another --name.");
            }
            content.Position = 0;
            string datasetId = await ContentIds.OfAsync(content, ct);
            string choice = metadata.Count == 0 ? "" : " with " + string.Join(", ", metadata.Select(m => $"{m.Key}={m.Value}"));
            await context.Output.WriteLineAsync($"Uploaded {path} as raw/{blobName} ({content.Length:N0} bytes){choice}; " +
                $"follow {StorageNames.DatasetsContainer}/{DatasetPaths.Status(datasetId)}.");
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>The blob metadata of a recipe choice, checked here so a typo fails now rather than in the pipeline.</summary>
    private static Dictionary<string, string> Metadata(string? recipe, IEnumerable<string> values)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (recipe is not null) metadata[StorageNames.RecipeMetadata] = recipe;
        foreach (string value in values)
        {
            int equals = value.IndexOf('=');
            if (equals <= 0)
                throw new InvalidInputException("upload.set", $"--set takes Section:Name=value, e.g. Training:Epochs=2, not '{value}'.");
            metadata[TrainingRecipes.CanonicalKey(value[..equals]).Replace(":", "__", StringComparison.Ordinal)] = value[(equals + 1)..];
        }
        TrainingRecipes.Resolve(recipe, metadata.Where(m => m.Key != StorageNames.RecipeMetadata)
            .Select(m => KeyValuePair.Create(m.Key, (string?)m.Value)));
        return metadata;
    }
}
