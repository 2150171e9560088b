using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Siamese.Storage.Extensions;
using Siamese.Storage.Promotion;

namespace Siamese.Storage;

/// <summary>
/// The product's storage services (<see cref="Extensions.Extensions.AddStorage"/>, as every host of the product builds
/// them: clients, resilience, the served-model pointer) for a program that is not such a host: the siamese tool and the
/// AppHost's dashboard commands. An empty host: no appsettings, environment variables or logging of its own.
/// </summary>
public sealed class StorageServices : IDisposable
{
    private readonly IHost host;

    /// <param name="configuration">The connection setting (<see cref="StorageNames.Connection"/>, either form).</param>
    /// <param name="logging">Where ServedModels logs each move with its reason; nowhere without it.</param>
    public StorageServices(IEnumerable<KeyValuePair<string, string?>> configuration, ILoggerFactory? logging = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddStorage();
        if (logging is not null) builder.Services.AddSingleton(logging);
        host = builder.Build();
    }

    public BlobServiceClient Blobs => Get<BlobServiceClient>();

    public ResilientStorage Documents => Get<ResilientStorage>();

    public ServedModels ServedModels => Get<ServedModels>();

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public void Dispose() => host.Dispose();
}
