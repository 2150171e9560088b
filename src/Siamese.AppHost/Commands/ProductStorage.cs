using Microsoft.Extensions.Logging;
using Siamese.Storage;

namespace Siamese.AppHost.Commands;

/// <summary>
/// The product's storage services (<see cref="StorageServices"/>) on the AppHost's Azurite, for the dashboard commands:
/// they move the served model exactly as the API and the trainer do, and ServedModels logs into the AppHost's log. Built on
/// the first command, disposed with the AppHost.
/// </summary>
public sealed class ProductStorage(string connectionString, ILoggerFactory logging) : IDisposable
{
    private readonly Lazy<StorageServices> services =
        new(() => new StorageServices([new(StorageNames.Connection, connectionString)], logging));

    public T Get<T>() where T : notnull => services.Value.Get<T>();

    public void Dispose()
    {
        if (services.IsValueCreated) services.Value.Dispose();
    }
}
