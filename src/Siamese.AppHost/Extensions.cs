using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Siamese.AppHost;

/// <summary>Azurite, with the connection string every service reads as its one storage setting.</summary>
public sealed record AzuriteStorage(IResourceBuilder<ExecutableResource> Resource, string ConnectionString);

public static class Extensions
{
    /// <summary>The storage connection setting of every service (StorageNames.Connection in Siamese.Pipeline).</summary>
    public const string StorageSetting = "Storage";

    // Azurite's well-known development account; public and documented, not a secret.
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// Azurite as an executable resource (no Docker needed), installed from the repository's package-lock.json with
    /// npm ci on first run. Its data lives in .azurite/ at the repository root (or the folder the setting
    /// Azurite:Location names), so datasets and models survive restarts.
    /// </summary>
    public static AzuriteStorage AddAzurite(this IDistributedApplicationBuilder builder, string name)
    {
        string root = RepositoryRoot(builder.AppHostDirectory);
        string entry = EnsureAzuriteInstalled(root);
        string location = Path.GetFullPath(builder.Configuration["Azurite:Location"] ?? Path.Combine(root, ".azurite"));
        int blob = FreePort(), queue = FreePort(), table = FreePort();

        var azurite = builder.AddExecutable(name, "node", root, entry,
                "--silent", "--skipApiVersionCheck", "--loose", "--location", location,
                "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{table}")
            .WithHttpEndpoint(port: blob, targetPort: blob, name: "blob", isProxied: false)
            .WithHttpEndpoint(port: queue, targetPort: queue, name: "queue", isProxied: false)
            .WithHttpEndpoint(port: table, targetPort: table, name: "table", isProxied: false);

        return new AzuriteStorage(azurite, AzuriteConnectionString(blob, queue, table));
    }

    /// <summary>The connection string of an Azurite on these loopback ports.</summary>
    public static string AzuriteConnectionString(int blobPort, int queuePort, int tablePort) =>
        // 127.0.0.1, not localhost: with localhost the Azure SDK does not recognise the emulator's URL form.
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <summary>
    /// The functions: the Azure Functions app under Core Tools when `func` is on PATH, else the local WebJobs host that
    /// binds the same function classes; either with the recipe profile of the AppHost's configuration.
    /// </summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddFunctions(this IDistributedApplicationBuilder builder, string name, AzuriteStorage storage)
    {
        if (IsOnPath("func"))
        {
            return builder.AddExecutable(name, "func", Path.Combine(RepositoryRoot(builder.AppHostDirectory), "src", "Siamese.Functions"), "start", "--port", "7071")
                .WithHttpEndpoint(port: 7071, targetPort: 7071, isProxied: false)
                .WithEnvironment("AzureWebJobsStorage", storage.ConnectionString)
                .WithStorage(storage)
                .WithRecipeProfile(builder.Configuration);
        }
        return builder.AddProject<Projects.Siamese_Functions_LocalHost>(name)
            .WithStorage(storage)
            .WithRecipeProfile(builder.Configuration)
            .WithHttpHealthCheck("/health");
    }

    /// <summary>
    /// Dashboard links to the model the compare API serves: which model answers and why (GET /api/models/current: its
    /// scores, threshold and the challenge it won), and its pictures (the training curves and validation report the
    /// trainer stores with each checkpoint).
    /// </summary>
    public static IResourceBuilder<T> WithServedModelLinks<T>(this IResourceBuilder<T> functions) where T : IResourceWithEndpoints
    {
        EndpointReference http = functions.GetEndpoint("http");
        return functions
            .WithUrl(ReferenceExpression.Create($"{http}/api/models/current"), "Served model: which, its scores and why")
            .WithUrl(ReferenceExpression.Create($"{http}/api/models/current/report.html"), "Validation report of the served model")
            .WithUrl(ReferenceExpression.Create($"{http}/api/models/current/curves.png"), "Training curves of the served model");
    }

    public static IResourceBuilder<T> WithStorage<T>(this IResourceBuilder<T> resource, AzuriteStorage storage)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        resource.WithEnvironment(StorageSetting, storage.ConnectionString).WaitFor(storage.Resource);

    /// <summary>
    /// The recipe every upload trains unless it chooses otherwise, from the section Recipe of appsettings.json (the quick
    /// demo profile): the functions record it in each dataset's index and training request (Preparation:Recipe and
    /// Preparation:RecipeOverrides), so the trainer trains exactly that.
    /// </summary>
    public static IResourceBuilder<T> WithRecipeProfile<T>(this IResourceBuilder<T> functions, IConfiguration configuration) where T : IResourceWithEnvironment
    {
        if (configuration["Recipe:Name"] is { Length: > 0 } name) functions.WithEnvironment("Preparation__Recipe", name);
        foreach (var (key, value) in configuration.GetSection("Recipe:Overrides").AsEnumerable(makePathsRelative: true))
            if (value is not null) functions.WithEnvironment($"Preparation__RecipeOverrides__{key.Replace(":", "__", StringComparison.Ordinal)}", value);
        return functions;
    }

    private static string EnsureAzuriteInstalled(string root)
    {
        string entry = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(entry)) return entry;
        Console.WriteLine("Installing Azurite (npm ci, once)...");
        using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = root })
                        ?? throw new InvalidOperationException("npm did not start: install Node.js (20 or later).");
        npm.WaitForExit();
        if (npm.ExitCode != 0 || !File.Exists(entry))
            throw new InvalidOperationException($"'npm ci' in {root} failed (exit {npm.ExitCode}); Azurite is needed to run the stack.");
        return entry;
    }

    private static string RepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "package-lock.json"))) return directory.FullName;
        throw new InvalidOperationException($"No package-lock.json above {start}: run the AppHost from the repository.");
    }

    private static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(directory => File.Exists(Path.Combine(directory, program)));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
