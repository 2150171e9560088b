using Azure.Storage.Blobs;
using Siamese.Model;
using Siamese.Serving.Contracts;
using Siamese.Storage;
using Siamese.Storage.Promotion;
using Siamese.Storage.Uploads;

namespace Siamese.Serving.Uploads;

/// <summary>
/// An upload through the API: the zip goes into raw/ exactly as `siamese upload` puts it there (<see cref="RawUploads"/>),
/// with its recipe choice and model name, and the pipeline takes it from there. Only the form is checked here (a name
/// ending .zip, a body that starts as a zip does); the pipeline validates the contents and says why it refused them.
/// </summary>
public sealed class UploadIntake(BlobServiceClient blobs)
{
    public const int MaxNameLength = 200;

    /// <param name="zip">The body, seekable and from its start.</param>
    public async Task<UploadAccepted> AcceptAsync(string? name, string? model, string? recipe, IReadOnlyList<string> settings,
        Stream zip, CancellationToken cancellationToken)
    {
        string blobName = CheckName(name);
        string modelName = ModelName.Check(model);
        await CheckIsZipAsync(zip, cancellationToken);
        RawUpload upload = await RawUploads.UploadAsync(blobs, zip, blobName, recipe, settings, modelName, cancellationToken);
        var setValues = upload.Metadata.Where(m => m.Key is not (ModelName.Metadata or StorageNames.RecipeMetadata)).ToDictionary();
        return new UploadAccepted(upload.BlobName, upload.Bytes, upload.DatasetId, modelName, recipe, setValues);
    }

    /// <summary>A file name in raw/: 1 to 200 characters ending .zip, no folders, no control characters, not hidden.</summary>
    public static string CheckName(string? name)
    {
        if (string.IsNullOrEmpty(name)
            || name.Length > MaxNameLength
            || !name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith('.')
            || name.Any(c => c is '/' or '\\' || char.IsControl(c)))
            throw new InvalidInputException("upload.name",
                $"name must be a file name ending .zip, 1 to {MaxNameLength} characters, without '/' or '\\' and not starting " +
                $"with '.', not '{name}'.");
        return name;
    }

    private static async Task CheckIsZipAsync(Stream zip, CancellationToken cancellationToken)
    {
        var signature = new byte[4];
        int read = await zip.ReadAtLeastAsync(signature, signature.Length, throwOnEndOfStream: false, cancellationToken);
        zip.Position = 0;
        if (read == 0) throw new InvalidInputException("upload.empty", "The request has no body; send the zip as the body.");
        // A zip starts with a local file header (PK\x03\x04), or with the end record when it holds nothing (PK\x05\x06).
        if (read < 4 || signature[0] != 'P' || signature[1] != 'K' || signature[2] is not (3 or 5) || signature[3] is not (4 or 6))
            throw new InvalidInputException("upload.not-zip",
                "The body is not a zip archive; send a zip of labelled images (one folder per class) as the body.");
    }
}
