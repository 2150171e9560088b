using Azure.Storage.Blobs;
using Siamese.Testing;

namespace Siamese.Storage.Tests;

/// <summary>A real Azurite and the storage services of a host on it (<see cref="StorageHost"/>).</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private StorageHost? storage;

    public BlobServiceClient Blobs => storage!.Blobs;

    public T Get<T>() where T : notnull => storage!.Get<T>();

    public async Task InitializeAsync() => storage = await StorageHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (storage is not null) await storage.DisposeAsync();
    }
}

/// <summary>The tests that share one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<StorageFixture>
{
    public const string Name = "storage";
}
