using Microsoft.Extensions.Configuration;
using Siamese.DevStorage;
using Siamese.Storage;

namespace Siamese.AppHost;

public static class Extensions
{
    /// <summary>
    /// Azurite as an executable resource (no Docker needed), installed from the repository's package-lock.json with
    /// npm ci on first run. Its data lives in .azurite/ at the repository root (or the folder the setting
    /// Azurite:Location names), so datasets and models survive restarts; its connection string and the functions' URL go
    /// to stack.json there (<see cref="LocalStack"/>).
    /// </summary>
    public static AzuriteStorage AddAzurite(this IDistributedApplicationBuilder builder, string name)
    {
        string root = Repository.Find(builder.AppHostDirectory);
        string entry = AzuriteInstallation.EnsureInstalled(root);
        string location = Path.GetFullPath(builder.Configuration["Azurite:Location"] ?? LocalStack.DefaultLocation(root));
        AzuriteEndpoints endpoints = AzuriteEndpoints.OnFreePorts();
        LocalStack.Write(location, endpoints.ConnectionString, LocalStack.FunctionsUrl); // for the siamese tool: the ports change

        var azurite = builder.AddExecutable(name, "node", root, [.. endpoints.NodeArguments(entry, location)])
            .WithHttpEndpoint(port: endpoints.BlobPort, targetPort: endpoints.BlobPort, name: "blob", isProxied: false)
            .WithHttpEndpoint(port: endpoints.QueuePort, targetPort: endpoints.QueuePort, name: "queue", isProxied: false)
            .WithHttpEndpoint(port: endpoints.TablePort, targetPort: endpoints.TablePort, name: "table", isProxied: false);

        return new AzuriteStorage(azurite, endpoints.ConnectionString);
    }

    /// <summary>
    /// The functions: the local WebJobs host that binds the same function classes as the Azure Functions app, with the
    /// recipe profile of the AppHost's configuration. Always this host: the deployed app's blob trigger takes Event Grid
    /// events, which Azurite never sends, so under Core Tools the app would not see an upload; this host polls raw/.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddFunctions(this IDistributedApplicationBuilder builder, string name,
        AzuriteStorage storage) =>
        builder.AddProject<Projects.Siamese_Functions_LocalHost>(name)
            .WithStorage(storage)
            .WithRecipeProfile(builder.Configuration)
            .WithHttpHealthCheck("/health");

    /// <summary>A dashboard link to the studio page, where a person tries compare, galleries, models and uploads.</summary>
    public static IResourceBuilder<T> WithStudioLink<T>(this IResourceBuilder<T> functions) where T : IResourceWithEndpoints =>
        functions.WithUrl(ReferenceExpression.Create($"{functions.GetEndpoint("http")}/api/studio"),
            "Studio: compare, galleries, models and uploads in the browser");

    /// <summary>
    /// Dashboard links to the model the compare API serves for `default`: which model answers and why (GET
    /// /api/models/current: its scores, threshold and the challenge it won), and its pictures (the training curves and
    /// validation report the trainer stores with each checkpoint); and to every model name with what it serves (GET
    /// /api/models). Links are fixed when the resource starts, and names come and go: another name's report is the
    /// report command's.
    /// </summary>
    public static IResourceBuilder<T> WithServedModelLinks<T>(this IResourceBuilder<T> functions) where T : IResourceWithEndpoints
    {
        EndpointReference http = functions.GetEndpoint("http");
        return functions
            .WithUrl(ReferenceExpression.Create($"{http}/api/models"), "Model names: what each serves")
            .WithUrl(ReferenceExpression.Create($"{http}/api/models/current"), "Served model (default): which, its scores and why")
            .WithUrl(ReferenceExpression.Create($"{http}/api/models/current/report.html"), "Validation report of default's served model")
            .WithUrl(ReferenceExpression.Create($"{http}/api/models/current/curves.png"), "Training curves of default's served model");
    }

    public static IResourceBuilder<T> WithStorage<T>(this IResourceBuilder<T> resource, AzuriteStorage storage)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        resource.WithEnvironment(StorageNames.Connection, storage.ConnectionString).WaitFor(storage.Resource);

    /// <summary>
    /// The recipe every upload trains unless it chooses otherwise, from the section Recipe of appsettings.json (the quick
    /// demo profile): the functions record it in each dataset's index and training request (Preparation:Recipe and
    /// Preparation:RecipeOverrides), so the trainer trains exactly that.
    /// </summary>
    public static IResourceBuilder<T> WithRecipeProfile<T>(this IResourceBuilder<T> functions, IConfiguration configuration)
        where T : IResourceWithEnvironment
    {
        if (configuration["Recipe:Name"] is { Length: > 0 } name) functions.WithEnvironment("Preparation__Recipe", name);
        foreach (var (key, value) in configuration.GetSection("Recipe:Overrides").AsEnumerable(makePathsRelative: true))
        {
            if (value is null) continue;
            functions.WithEnvironment($"Preparation__RecipeOverrides__{key.Replace(":", "__", StringComparison.Ordinal)}", value);
        }
        return functions;
    }
}
