using System.Reflection;

namespace Siamese.Functions.Triggers.Studio;

/// <summary>A file of the studio page as the app ships it (an embedded resource: the page needs no build step).</summary>
public sealed record StudioFile(string Name, string ContentType, byte[] Content);

/// <summary>The studio page's files, embedded in this assembly from Studio/ (index.html, studio.css, and its JavaScript modules).</summary>
public static class StudioFiles
{
    public const string Page = "index.html";

    /// <summary>The page loads nothing but its own files and the API; images it shows are blob: URLs of API answers.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

    private static readonly IReadOnlyDictionary<string, StudioFile> Files = Load();

    public static IEnumerable<string> Names => Files.Keys.Order(StringComparer.Ordinal);

    public static StudioFile? Find(string name) => Files.GetValueOrDefault(name);

    private static Dictionary<string, StudioFile> Load()
    {
        Assembly assembly = typeof(StudioFiles).Assembly;
        const string prefix = "Studio/";
        var files = new Dictionary<string, StudioFile>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var content = new MemoryStream();
            stream.CopyTo(content);
            string name = resource[prefix.Length..];
            files[name] = new StudioFile(name, ContentTypeOf(name), content.ToArray());
        }
        return files;
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    };
}
