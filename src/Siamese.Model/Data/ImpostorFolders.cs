namespace Siamese.Model.Data;

/// <summary>
/// Folders of images known NOT to be their class, e.g. a signature writer's skilled forgeries: an image under
/// <c>&lt;class&gt;/forged/</c> (or <c>forgeries/</c>, <c>impostors/</c>; any case) belongs to <c>&lt;class&gt;</c>, marked impostor.
/// Their counterpart <c>&lt;class&gt;/genuine/</c> holds the class's own images, as signature sets lay them out
/// (SVC2004: <c>user1/genuine/</c> beside <c>user1/forged/</c>).
/// </summary>
public static class ImpostorFolders
{
    public static readonly IReadOnlyList<string> Names = ["forged", "forgeries", "impostors"];

    /// <summary>The folder of a class's genuine images beside its impostors (any case).</summary>
    public const string GenuineName = "genuine";

    public static bool IsImpostorFolder(string segment) => Names.Contains(segment, StringComparer.OrdinalIgnoreCase);

    /// <summary>An impostor folder or the genuine one: a folder that marks images of the class above it, never a class itself.</summary>
    public static bool IsMarkFolder(string segment) =>
        IsImpostorFolder(segment) || segment.Equals(GenuineName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The class folder of the folder that holds an image, and whether the image is an impostor: "a/b/forged/x" → ("a/b", true),
    /// "a/b/genuine" → ("a/b", false). A mark folder at the top has no class: ("", …).
    /// </summary>
    public static (string ClassFolder, bool Impostor) ClassOf(string folder)
    {
        string[] segments = folder.Split('/');
        int first = Array.FindIndex(segments, IsMarkFolder);
        return first < 0 ? (folder, false) : (string.Join('/', segments[..first]), IsImpostorFolder(segments[first]));
    }
}
