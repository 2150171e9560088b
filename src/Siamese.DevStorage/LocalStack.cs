using System.Text.Json.Nodes;

namespace Siamese.DevStorage;

/// <summary>
/// Where the local stack listens, for tools that talk to it: the AppHost writes its Azurite's connection string and the
/// functions' URL to stack.json in Azurite's folder (.azurite/ at the repository root by default) on every start, since
/// Azurite's ports are chosen anew each time; the siamese tool reads it when it is given no connection.
/// </summary>
public static class LocalStack
{
    public const string FileName = "stack.json";

    /// <summary>Where the local functions host listens (its launchSettings.json; the AppHost keeps that port).</summary>
    public const string FunctionsUrl = "http://127.0.0.1:7071";

    public static string DefaultLocation(string repositoryRoot) => Path.Combine(repositoryRoot, ".azurite");

    public static void Write(string azuriteLocation, string storageConnection, string functionsUrl)
    {
        Directory.CreateDirectory(azuriteLocation);
        string path = Path.Combine(azuriteLocation, FileName);
        var stack = new JsonObject { ["storage"] = storageConnection, ["functions"] = functionsUrl };
        File.WriteAllText(path + ".tmp", stack.ToJsonString());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The storage connection the last AppHost start wrote, or null when there is none.</summary>
    public static string? ReadStorage(string azuriteLocation) => Read(azuriteLocation, "storage");

    /// <summary>The functions' URL the last AppHost start wrote, or null when there is none (or it was written before).</summary>
    public static string? ReadFunctions(string azuriteLocation) => Read(azuriteLocation, "functions");

    private static string? Read(string azuriteLocation, string key)
    {
        string path = Path.Combine(azuriteLocation, FileName);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?[key]?.GetValue<string>() : null;
    }
}
