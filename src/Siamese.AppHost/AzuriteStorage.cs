namespace Siamese.AppHost;

/// <summary>Azurite, with the connection string every service reads as its one storage setting.</summary>
public sealed record AzuriteStorage(IResourceBuilder<ExecutableResource> Resource, string ConnectionString);
