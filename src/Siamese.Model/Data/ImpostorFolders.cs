namespace Siamese.Model.Data;

/// <summary>
/// Folders of images known NOT to be their class, e.g. a signature writer's skilled forgeries: an image under
/// <c>&lt;class&gt;/forged/</c> (or <c>forgeries/</c>, <c>impostors/</c>; any case) belongs to <c>&lt;class&gt;</c>, marked impostor.
/// </summary>
public static class ImpostorFolders
{
    public static readonly IReadOnlyList<string> Names = ["forged", "forgeries", "impostors"];

    public static bool IsImpostorFolder(string segment) => Names.Contains(segment, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The class folder of the folder that holds an image, and whether the image is an impostor: "a/b/forged/x" → ("a/b", true).
    /// An impostor folder at the top has no class: ("", true).
    /// </summary>
    public static (string ClassFolder, bool Impostor) ClassOf(string folder)
    {
        string[] segments = folder.Split('/');
        int first = Array.FindIndex(segments, IsImpostorFolder);
        return first < 0 ? (folder, false) : (string.Join('/', segments[..first]), true);
    }
}
