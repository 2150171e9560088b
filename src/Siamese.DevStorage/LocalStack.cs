using System.Text.Json.Nodes;

namespace Siamese.DevStorage;

/// <summary>
/// Where the local stack listens, for tools that talk to it: the AppHost writes its Azurite's connection string to
/// stack.json in Azurite's folder (.azurite/ at the repository root by default) on every start, since the ports are
/// chosen anew each time; the siamese tool reads it when it is given no connection.
/// </summary>
public static class LocalStack
{
    public const string FileName = "stack.json";

    public static string DefaultLocation(string repositoryRoot) => Path.Combine(repositoryRoot, ".azurite");

    public static void Write(string azuriteLocation, string storageConnection)
    {
        Directory.CreateDirectory(azuriteLocation);
        string path = Path.Combine(azuriteLocation, FileName);
        File.WriteAllText(path + ".tmp", new JsonObject { ["storage"] = storageConnection }.ToJsonString());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The storage connection the last AppHost start wrote, or null when there is none.</summary>
    public static string? ReadStorage(string azuriteLocation)
    {
        string path = Path.Combine(azuriteLocation, FileName);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?["storage"]?.GetValue<string>() : null;
    }
}
