using Siamese.Model;
using Siamese.Storage;

namespace Siamese.Cli.Connections;

/// <summary>
/// The --storage value as the configuration section that <see cref="StorageConnection"/> reads: a connection string as
/// it is, or a blob service URI (https://account.blob.core.windows.net) that is used with DefaultAzureCredential
/// (az login, environment credentials or a managed identity).
/// </summary>
public static class StorageSetting
{
    public static IReadOnlyDictionary<string, string?> ToConfiguration(string value)
    {
        if (!value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            return new Dictionary<string, string?> { [StorageNames.Connection] = value };

        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? blobs) || blobs.Scheme != Uri.UriSchemeHttps)
            throw new InvalidInputException("storage.uri",
                $"'{value}' is not an https URI: a blob service URI is used with a token credential, which is sent only over " +
                "HTTPS (e.g. https://<account>.blob.core.windows.net); or give a connection string.");
        return new Dictionary<string, string?>
        {
            [$"{StorageNames.Connection}:blobServiceUri"] = blobs.ToString(),
            [$"{StorageNames.Connection}:queueServiceUri"] = QueueServiceUri(blobs).ToString(),
        };
    }

    /// <summary>
    /// StorageConnection wants both services; the tool uses only blobs, so where the URI is not of the
    /// account.blob.host form (an emulator's), the queue URI is the blob URI and stays unused.
    /// </summary>
    private static Uri QueueServiceUri(Uri blobs)
    {
        string[] labels = blobs.Host.Split('.');
        if (labels.Length < 3 || !labels[1].Equals("blob", StringComparison.OrdinalIgnoreCase)) return blobs;
        labels[1] = "queue";
        return new UriBuilder(blobs) { Host = string.Join('.', labels) }.Uri;
    }
}
