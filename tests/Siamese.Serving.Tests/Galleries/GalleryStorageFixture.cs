using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Siamese.Serving.Galleries;
using Siamese.Storage;
using Siamese.Testing;

namespace Siamese.Serving.Tests.Galleries;

/// <summary>A real Azurite and the storage services of a host on it; each <see cref="NewLog"/> is another instance's log.</summary>
public sealed class GalleryStorageFixture : IAsyncLifetime
{
    private StorageHost? storage;

    public BlobServiceClient Blobs => storage!.Blobs;

    public BlobContainerClient Container => Blobs.GetBlobContainerClient(StorageNames.GalleriesContainer);

    public GalleryLog NewLog(GalleryLogOptions? options = null) => new(
        Blobs,
        storage!.Get<ResilientStorage>(),
        Options.Create(options ?? new GalleryLogOptions()),
        TimeProvider.System);

    public static string NewGalleryName() => $"g-{Guid.NewGuid():N}";

    public async Task InitializeAsync() => storage = await StorageHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (storage is not null) await storage.DisposeAsync();
    }
}

/// <summary>The gallery tests that share one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class GalleryStorageCollection : ICollectionFixture<GalleryStorageFixture>
{
    public const string Name = "gallery storage";
}
