using System.Net.Http.Headers;
using Siamese.Model;

namespace Siamese.Cli.Api;

/// <summary>An image the user named on the command line, read whole (the API takes images of up to 16 MiB).</summary>
public sealed record ImageFile(string Name, byte[] Bytes)
{
    public static async Task<ImageFile> ReadAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path)
            ? new ImageFile(Path.GetFileName(path), await File.ReadAllBytesAsync(path, cancellationToken))
            : throw new MissingInputException("image.not-found", $"'{path}' does not exist.");

    /// <summary>The bytes as they are: the API reads the format from them, not from a content type.</summary>
    public HttpContent Content()
    {
        var content = new ByteArrayContent(Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }
}
