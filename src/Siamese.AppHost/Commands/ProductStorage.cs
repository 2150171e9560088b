using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Siamese.Storage;
using Siamese.Storage.Extensions;

namespace Siamese.AppHost.Commands;

/// <summary>
/// The product's storage services (<see cref="Siamese.Storage.Extensions.Extensions.AddStorage"/>: clients, resilience,
/// ServedModels) on the AppHost's Azurite connection, for the dashboard commands: they move the served model exactly as the
/// API and the trainer do. Built on the first command, disposed with the AppHost.
/// </summary>
public sealed class ProductStorage(string connectionString, ILoggerFactory logging) : IDisposable
{
    private readonly Lazy<IHost> host = new(() => Build(connectionString, logging));

    public T Get<T>() where T : notnull => host.Value.Services.GetRequiredService<T>();

    public void Dispose()
    {
        if (host.IsValueCreated) host.Value.Dispose();
    }

    private static IHost Build(string connectionString, ILoggerFactory logging)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration[StorageNames.Connection] = connectionString;
        builder.AddStorage();
        // ServedModels logs each move with its reason: into the AppHost's log, not into a host of its own with no output.
        builder.Services.AddSingleton(logging);
        return builder.Build();
    }
}
