using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Siamese.DevStorage;
using Siamese.Storage;
using Siamese.Storage.Extensions;

namespace Siamese.Testing;

/// <summary>A real Azurite of its own and the storage services of a host on it (AddStorage, as every host registers them).</summary>
public sealed class StorageHost : IAsyncDisposable
{
    private readonly Azurite azurite;
    private readonly IHost host;

    private StorageHost(Azurite azurite, IHost host)
    {
        this.azurite = azurite;
        this.host = host;
    }

    public BlobServiceClient Blobs => Get<BlobServiceClient>();

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public static async Task<StorageHost> StartAsync()
    {
        Azurite azurite = await Azurite.StartNewAsync();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration[StorageNames.Connection] = azurite.ConnectionString;
        builder.AddStorage();
        return new StorageHost(azurite, builder.Build());
    }

    public async ValueTask DisposeAsync()
    {
        host.Dispose();
        await azurite.DisposeAsync();
    }
}
