using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Siamese.DevStorage;
using Siamese.Serving.Galleries;
using Siamese.Storage;
using Siamese.Storage.Extensions;

namespace Siamese.Serving.Tests.Galleries;

/// <summary>A real Azurite and the storage services of a host on it; each <see cref="NewLog"/> is another instance's log.</summary>
public sealed class GalleryStorageFixture : IAsyncLifetime
{
    private Azurite? azurite;
    private IHost? host;

    public BlobServiceClient Blobs => host!.Services.GetRequiredService<BlobServiceClient>();

    public BlobContainerClient Container => Blobs.GetBlobContainerClient(StorageNames.GalleriesContainer);

    public GalleryLog NewLog(GalleryLogOptions? options = null) => new(
        Blobs,
        host!.Services.GetRequiredService<ResilientStorage>(),
        Options.Create(options ?? new GalleryLogOptions()),
        TimeProvider.System);

    public static string NewGalleryName() => $"g-{Guid.NewGuid():N}";

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

/// <summary>The gallery tests that share one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class GalleryStorageCollection : ICollectionFixture<GalleryStorageFixture>
{
    public const string Name = "gallery storage";
}
