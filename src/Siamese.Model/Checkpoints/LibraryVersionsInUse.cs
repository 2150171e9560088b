namespace Siamese.Model.Checkpoints;

/// <summary>The versions of this process's model library, TorchSharp and .NET, as a new checkpoint records them.</summary>
public static class LibraryVersionsInUse
{
    public static LibraryVersions Current { get; } = new(
        VersionOf(typeof(LibraryVersionsInUse)),
        VersionOf(typeof(TorchSharp.torch)),
        Environment.Version.ToString());

    private static string VersionOf(Type type) =>
        type.Assembly.GetName().Version?.ToString(3) ?? "unknown";
}
