using Siamese.Model.Imaging;

namespace Siamese.Model.Data;

/// <summary>One class: its name (the folder path) and its image entries, in ordinal order.</summary>
public sealed record ImageClass(string Name, IReadOnlyList<string> Images);

/// <summary>
/// The classes of a folder-per-class collection: every folder that directly holds images is a class, so Omniglot's
/// alphabet/character/*.png and a flat class/*.png both work. A single top-level folder that wraps everything (as
/// when a folder is zipped) is left out of class names.
/// </summary>
public sealed record ClassIndex(
    IReadOnlyList<ImageClass> Classes,
    IReadOnlyList<string> SkippedClasses,
    int NonImageEntries,
    int ImagesOutsideClasses)
{
    /// <summary>Classes need at least this many images to give a positive pair.</summary>
    public const int MinImagesPerClass = 2;

    public int ImageCount => Classes.Sum(c => c.Images.Count);

    public static ClassIndex Build(IEnumerable<string> entries)
    {
        var byFolder = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        int nonImages = 0, outside = 0;
        foreach (string entry in entries)
        {
            if (IsHiddenOrSystem(entry)) continue;
            if (!ImageDecoder.HasImageExtension(entry)) { nonImages++; continue; }

            int slash = entry.LastIndexOf('/');
            if (slash <= 0) { outside++; continue; }
            string folder = entry[..slash];
            if (!byFolder.TryGetValue(folder, out List<string>? images)) byFolder[folder] = images = [];
            images.Add(entry);
        }

        string wrapper = CommonWrapperFolder(byFolder.Keys);
        var classes = new List<ImageClass>();
        var skipped = new List<string>();
        foreach (var (folder, images) in byFolder)
        {
            string name = folder[wrapper.Length..];
            if (images.Count < MinImagesPerClass) skipped.Add(name);
            else classes.Add(new ImageClass(name, images.Order(StringComparer.Ordinal).ToArray()));
        }
        return new ClassIndex(classes, skipped, nonImages, outside);
    }

    /// <summary>Throws unless there are at least two usable classes (a negative pair needs two).</summary>
    public ClassIndex RequireTrainable(string source)
    {
        if (Classes.Count >= 2) return this;
        string found = Classes.Count == 0
            ? "no class folder with two or more images"
            : $"only one class ('{Classes[0].Name}') with two or more images";
        throw new InvalidInputException(Classes.Count == 0 ? "data.no-images" : "data.too-few-classes",
            $"'{source}' has {found}; pairs need at least two classes, each a folder with two or more images " +
            $"(found {ImageCount} images in classes, {ImagesOutsideClasses} outside any folder, {NonImageEntries} non-image files).");
    }

    // "a/b/c" where every folder starts with "a/" and none is "a" itself → "a/".
    internal static string CommonWrapperFolder(ICollection<string> folders)
    {
        if (folders.Count == 0) return "";
        string first = folders.First();
        int slash = first.IndexOf('/');
        if (slash < 0) return "";
        string prefix = first[..(slash + 1)];
        return folders.All(f => f.StartsWith(prefix, StringComparison.Ordinal)) ? prefix : "";
    }

    /// <summary>macOS resource forks (__MACOSX/) and hidden files or folders: never images of the data set.</summary>
    public static bool IsHiddenOrSystem(string entry) =>
        entry.StartsWith("__MACOSX/", StringComparison.Ordinal)
        || entry.Split('/').Any(segment => segment.StartsWith('.'));
}
