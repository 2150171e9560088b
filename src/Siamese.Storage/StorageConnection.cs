using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Siamese.Model;

namespace Siamese.Storage;

/// <summary>
/// The one storage setting (<see cref="StorageNames.Connection"/>) in either form that the Functions storage extensions
/// read: a connection string (locally, Azurite), or service URIs with a token credential (in Azure, as the Bicep
/// configures every host): Storage__blobServiceUri, Storage__queueServiceUri (or Storage__accountName for both), and
/// Storage__credential=managedidentity with Storage__clientId. Every host builds its clients here.
/// </summary>
public sealed class StorageConnection
{
    private readonly string? connectionString;
    private readonly Uri? blobServiceUri;
    private readonly Uri? queueServiceUri;
    private readonly TokenCredential? credential;

    private StorageConnection(string connectionString) => this.connectionString = connectionString;

    private StorageConnection(Uri blobServiceUri, Uri queueServiceUri, TokenCredential credential)
    {
        this.blobServiceUri = blobServiceUri;
        this.queueServiceUri = queueServiceUri;
        this.credential = credential;
    }

    /// <summary>Identity-based (service URIs and a token credential) rather than a connection string.</summary>
    public bool UsesIdentity => credential is not null;

    /// <param name="section">The configuration section <see cref="StorageNames.Connection"/>.</param>
    /// <param name="credentials">Builds the token credential from the section's credential settings, as the Functions
    /// extensions do (Microsoft.Extensions.Azure); without credential settings, DefaultAzureCredential.</param>
    public static StorageConnection From(IConfigurationSection section, AzureComponentFactory credentials)
    {
        if (!string.IsNullOrWhiteSpace(section.Value)) return new StorageConnection(section.Value);

        string? account = section["accountName"];
        Uri? blobs = UriSetting(section, "blobServiceUri") ?? AccountEndpoint(account, "blob");
        Uri? queues = UriSetting(section, "queueServiceUri") ?? AccountEndpoint(account, "queue");
        if (blobs is null || queues is null)
            throw new InvalidInputException("storage.connection",
                $"no storage connection: set {section.Path} to a connection string (locally, as the AppHost dashboard shows it) " +
                $"or {section.Path}__blobServiceUri and {section.Path}__queueServiceUri (or {section.Path}__accountName) " +
                $"with a managed identity ({section.Path}__credential=managedidentity, {section.Path}__clientId) in Azure.");
        return new StorageConnection(blobs, queues, credentials.CreateTokenCredential(section));
    }

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) =>
        connectionString is not null
            ? new BlobServiceClient(connectionString, options)
            : new BlobServiceClient(blobServiceUri!, credential!, options);

    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) =>
        connectionString is not null
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(queueServiceUri!, credential!, options);

    private static Uri? UriSetting(IConfigurationSection section, string key)
    {
        if (section[key] is not { Length: > 0 } value) return null;
        return Uri.TryCreate(value, UriKind.Absolute, out Uri? uri)
            ? uri
            : throw new InvalidInputException("storage.connection", $"{section.Path}__{key} is not an absolute URI: '{value}'.");
    }

    private static Uri? AccountEndpoint(string? account, string service) =>
        string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account}.{service}.core.windows.net/");
}
