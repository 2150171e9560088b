using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Recipes;
using Siamese.Storage.Promotion;

namespace Siamese.Storage.Uploads;

/// <summary>A zip put into raw/: where it went, its size, and the id of the dataset the pipeline prepares from it.</summary>
public sealed record RawUpload(string BlobName, long Bytes, string DatasetId, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>One line for the user: what went where, with which recipe choice, and where to follow it.</summary>
    public string Describe(string path)
    {
        string choice = Metadata.Count == 0 ? "" : " with " + string.Join(", ", Metadata.Select(m => $"{m.Key}={m.Value}"));
        return $"Uploaded {path} as raw/{BlobName} ({Bytes:N0} bytes){choice}; " +
               $"follow {StorageNames.DatasetsContainer}/{Datasets.DatasetPaths.Status(DatasetId)}.";
    }
}

/// <summary>
/// Puts a zip into the container raw/, where the pipeline picks it up, with its recipe choice and model name as blob metadata. An upload
/// is never replaced: an existing blob of that name is an error. Every command line that uploads (the trainer's, the
/// siamese tool) goes through here.
/// </summary>
public static class RawUploads
{
    /// <param name="model">The model name to train for (null: `default`); always written, so that the same zip uploaded again
    /// for another name trains that name.</param>
    public static async Task<RawUpload> UploadAsync(BlobServiceClient blobs, string path, string? blobName, string? recipe,
        IEnumerable<string> settings, string? model, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new MissingInputException("upload.not-found", $"'{path}' does not exist.");
        await using FileStream content = File.OpenRead(path);
        return await UploadAsync(blobs, content, blobName ?? Path.GetFileName(path), recipe, settings, model, cancellationToken);
    }

    /// <param name="content">The zip, from its start; seekable (it is read twice: to upload it and for its dataset id).</param>
    public static async Task<RawUpload> UploadAsync(BlobServiceClient blobs, Stream content, string blobName, string? recipe,
        IEnumerable<string> settings, string? model, CancellationToken cancellationToken)
    {
        Dictionary<string, string> metadata = Metadata(recipe, settings);
        metadata[ModelName.Metadata] = ModelName.Check(model);

        BlobContainerClient raw = blobs.GetBlobContainerClient(StorageNames.RawContainer);
        await raw.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        long start = content.Position;
        try
        {
            await raw.GetBlobClient(blobName).UploadAsync(content, new BlobUploadOptions
            {
                Metadata = metadata,
                Conditions = new BlobRequestConditions { IfNoneMatch = Azure.ETag.All },
            }, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 409)
        {
            throw new InvalidInputException("upload.exists",
                $"raw/{blobName} exists already and uploads are never replaced; upload it under another name (the siamese tool: --name).");
        }
        long bytes = content.Position - start;
        content.Position = start;
        return new RawUpload(blobName, bytes, await ContentIds.OfAsync(content, cancellationToken), metadata);
    }

    /// <summary>The blob metadata of a recipe choice, checked here so a typo fails now rather than in the pipeline.</summary>
    public static Dictionary<string, string> Metadata(string? recipe, IEnumerable<string> settings)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (recipe is not null) metadata[StorageNames.RecipeMetadata] = recipe;
        foreach (string value in settings)
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
