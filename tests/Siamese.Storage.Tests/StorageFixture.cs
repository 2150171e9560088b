using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Siamese.DevStorage;
using Siamese.Storage.Extensions;

namespace Siamese.Storage.Tests;

/// <summary>A real Azurite and the storage services of a host on it (AddStorage, as every host registers them).</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private Azurite? azurite;
    private IHost? host;

    public BlobServiceClient Blobs => Get<BlobServiceClient>();

    public T Get<T>() where T : notnull => host!.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartNewAsync();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration[StorageNames.Connection] = azurite.ConnectionString;
        builder.AddStorage();
        host = builder.Build();
    }

    public async Task DisposeAsync()
    {
        host?.Dispose();
        if (azurite is not null) await azurite.DisposeAsync();
    }
}

/// <summary>The tests that share one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<StorageFixture>
{
    public const string Name = "storage";
}
