using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Siamese.Model;
using Siamese.Serving.Comparison;
using Siamese.Serving.Contracts;
using Siamese.Storage.Promotion;

namespace Siamese.Functions.Triggers.Http;

/// <summary>Reads images from requests (multipart form files, JSON with base64, or a raw image body) within the size limit.</summary>
public static class RequestReader
{
    /// <summary>The limit of an operator's command body (promote, roll back).</summary>
    public const long MaxCommandBytes = 16 << 10;

    public static void LimitBody(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
            throw new RequestProblemException(StatusCodes.Status413PayloadTooLarge, "request.too-large",
                $"The request body is {request.ContentLength:N0} bytes; the limit is {maxBytes:N0}.");
        var feature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = maxBytes;
    }

    /// <summary>Named images from a multipart form or a JSON object of base64 strings.</summary>
    public static async Task<IReadOnlyList<ImageUpload>> ReadImagesAsync(
        HttpRequest request,
        long maxBytes,
        IReadOnlyList<string> names,
        CancellationToken cancellationToken)
    {
        LimitBody(request, maxBytes);
        if (request.HasFormContentType)
        {
            IFormCollection form = await request.ReadFormAsync(cancellationToken);
            return names.Select(name => form.Files.GetFile(name) is { } file
                ? new ImageUpload(name, ReadFile(file))
                : throw Missing(name)).ToList();
        }
        if (IsJson(request))
        {
            CompareRequest body = await ReadJsonAsync(request, ApiJson.Default.CompareRequest, cancellationToken);
            return names.Select(name => new ImageUpload(name, FromBase64(name, name == "image1" ? body.Image1 : body.Image2))).ToList();
        }
        throw new RequestProblemException(StatusCodes.Status415UnsupportedMediaType, "request.content-type",
            $"Send multipart/form-data with files {string.Join(" and ", names)}, or application/json with base64 strings.");
    }

    /// <summary>
    /// One image: a multipart form file named "image", or the raw body under any other content type but JSON. curl's
    /// --data-binary labels a body application/x-www-form-urlencoded unless told otherwise; no image is such a form, so
    /// only multipart is read as one.
    /// </summary>
    public static async Task<ImageUpload> ReadSingleImageAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        LimitBody(request, maxBytes);
        if (IsJson(request))
            throw new RequestProblemException(StatusCodes.Status415UnsupportedMediaType, "request.content-type",
                "Send the image as the raw request body (any image content type) or as a multipart/form-data file named image.");
        if (IsMultipart(request))
        {
            IFormCollection form = await request.ReadFormAsync(cancellationToken);
            return form.Files.GetFile("image") is { } file ? new ImageUpload("image", ReadFile(file)) : throw Missing("image");
        }
        if (request.ContentLength is { } length)
        {
            if (length == 0) throw Missing("image");
            var bytes = new byte[length];
            await request.Body.ReadExactlyAsync(bytes, cancellationToken);
            return new ImageUpload("image", bytes);
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0) throw Missing("image");
        return new ImageUpload("image", buffer.ToArray());
    }

    /// <summary>
    /// The whole body in a temporary file (deleted when the stream is disposed), at most <paramref name="maxBytes"/>: a zip
    /// is read twice (uploaded, then hashed) and may be larger than memory should hold.
    /// </summary>
    public static async Task<FileStream> ReadBodyToFileAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        LimitBody(request, maxBytes);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var buffer = new byte[1 << 16];
            for (int read; (read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0;)
            {
                // The host's limit may be read-only (set by the platform); the body is bounded here either way.
                if (file.Length + read > maxBytes)
                    throw new RequestProblemException(StatusCodes.Status413PayloadTooLarge, "request.too-large",
                        $"The request body is over the limit of {maxBytes:N0} bytes.");
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every value of a repeatable query parameter, e.g. set=Training:Epochs=2&amp;set=Model:Width=0.5.</summary>
    public static IReadOnlyList<string> All(HttpRequest request, string name) =>
        request.Query[name].OfType<string>().ToList();

    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken)
                   ?? throw new InvalidInputException("request.empty", "The JSON body is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException("request.json", $"The body is not valid JSON for this request ({ex.Message}).");
        }
    }

    /// <summary>
    /// The request's own isSame threshold (query "threshold", strictly between 0 and 1), or null to use the served model's.
    /// </summary>
    public static double? Threshold(HttpRequest request)
    {
        string? text = request.Query["threshold"];
        if (string.IsNullOrEmpty(text)) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value is > 0 and < 1
            ? value
            : throw new InvalidInputException(
                "threshold.invalid", $"threshold must be a number between 0 and 1 (exclusive), not '{text}'.");
    }

    /// <summary>The model name a request asks for (query "model"; absent: `default`); a name that is not one is refused.</summary>
    public static string Model(HttpRequest request) => ModelName.Check(request.Query["model"]);

    /// <summary>How many matches to return (query "top"), or null for the configured default.</summary>
    public static int? Top(HttpRequest request)
    {
        string? text = request.Query["top"];
        if (string.IsNullOrEmpty(text)) return null;
        return int.TryParse(text, out int top) ? top : throw new InvalidInputException("gallery.top-k", "top must be a whole number.");
    }

    /// <summary>Every file of a multipart form, each named by its file name (or its field name when it has none).</summary>
    public static async Task<IReadOnlyList<ImageUpload>> ReadFormImagesAsync(HttpRequest request, long maxBytes,
        CancellationToken cancellationToken)
    {
        LimitBody(request, maxBytes);
        if (!IsMultipart(request))
            throw new RequestProblemException(StatusCodes.Status415UnsupportedMediaType, "request.content-type",
                "Send the images as multipart/form-data files.");
        IFormCollection form = await request.ReadFormAsync(cancellationToken);
        var images = form.Files.Select(f => new ImageUpload(string.IsNullOrEmpty(f.FileName) ? f.Name : f.FileName, ReadFile(f))).ToList();
        var repeated = images.GroupBy(i => i.Name).FirstOrDefault(g => g.Count() > 1);
        return repeated is null
            ? images
            : throw new InvalidInputException("image.duplicate-name", $"Two images are named '{repeated.Key}'; name each file once.");
    }

    /// <summary>A whole number from the query (e.g. "limit"), or null when absent.</summary>
    public static int? Integer(HttpRequest request, string name)
    {
        string? text = request.Query[name];
        if (string.IsNullOrEmpty(text)) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new InvalidInputException("request.query", $"{name} must be a whole number, not '{text}'.");
    }

    /// <summary>The request's body when it has one (a raw image or a multipart file "image"), else null.</summary>
    public static async Task<ImageUpload?> ReadOptionalImageAsync(HttpRequest request, long maxBytes,
        CancellationToken cancellationToken) =>
        request.ContentLength is 0 || request.ContentLength is null && request.ContentType is null
            ? null
            : await ReadSingleImageAsync(request, maxBytes, cancellationToken);

    public static byte[] FromBase64(string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) throw Missing(name);
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InvalidInputException("image.base64", $"'{name}' is not valid base64.");
        }
    }

    /// <summary>The JSON body of a small request, or <paramref name="empty"/> when there is none.</summary>
    public static async Task<T> ReadOptionalJsonAsync<T>(
        HttpRequest request,
        long maxBytes,
        JsonTypeInfo<T> type,
        T empty,
        CancellationToken cancellationToken)
    {
        LimitBody(request, maxBytes);
        if (request.ContentLength is 0 || request.ContentLength is null && !IsJson(request)) return empty;
        return await ReadJsonAsync(request, type, cancellationToken);
    }

    private static bool IsMultipart(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsJson(HttpRequest request) =>
        request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Into one array of the file's length: a growing copy would cost several times the file (serving memory).</summary>
    private static byte[] ReadFile(IFormFile file)
    {
        using var stream = file.OpenReadStream();
        var bytes = new byte[file.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static InvalidInputException Missing(string name) =>
        new("image.missing", $"The request has no image '{name}'.");
}
