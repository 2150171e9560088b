using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Siamese.Storage;
using Siamese.Storage.Extensions;
using Siamese.Storage.Promotion;

namespace Siamese.Cli.Connections;

/// <summary>
/// The product's storage services (<see cref="Extensions.AddStorage"/>, as every host builds them) on the storage the
/// tool was given: the clients, the resilient document reads and the served-model pointer.
/// </summary>
public sealed class CliStorage : IDisposable
{
    private readonly IHost host;

    public CliStorage(string storage)
    {
        // An empty builder: no appsettings, environment variables or console logging of its own; the tool prints.
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(StorageSetting.ToConfiguration(storage));
        builder.AddStorage();
        host = builder.Build();
    }

    public BlobServiceClient Blobs => host.Services.GetRequiredService<BlobServiceClient>();

    public ResilientStorage Documents => host.Services.GetRequiredService<ResilientStorage>();

    public ServedModels ServedModels => host.Services.GetRequiredService<ServedModels>();

    /// <summary>Identity-based (a blob service URI and a token credential) rather than a connection string.</summary>
    public bool UsesIdentity => host.Services.GetRequiredService<StorageConnection>().UsesIdentity;

    public void Dispose() => host.Dispose();
}
