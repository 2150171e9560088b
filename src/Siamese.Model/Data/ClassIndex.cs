using Siamese.Model.Imaging;

namespace Siamese.Model.Data;

/// <summary>A class's name with its genuine and impostor entries, before the classes with too few images are set aside.</summary>
public sealed record ClassMembers(string Name, List<string> Genuine, List<string> Impostors);

/// <summary>
/// The classes of a collection. Folder per class (<see cref="Build"/>): every folder that directly holds images is a class, so
/// Omniglot's alphabet/character/*.png and a flat class/*.png both work; a single top-level folder that wraps everything
/// (as when a folder is zipped) is left out of class names, and images under an impostor folder
/// (<see cref="ImpostorFolders"/>) are impostors of the class above it. labels.csv: <see cref="LabelledClasses"/>.
/// </summary>
public sealed record ClassIndex(
    IReadOnlyList<ImageClass> Classes,
    IReadOnlyList<string> SkippedClasses,
    int NonImageEntries,
    int ImagesOutsideClasses)
{
    /// <summary>Classes need at least this many genuine images to give a positive pair; impostors do not count.</summary>
    public const int MinImagesPerClass = 2;

    public ClassLayout Layout { get; init; } = ClassLayout.Folders;

    /// <summary>Genuine images of the classes.</summary>
    public int ImageCount => Classes.Sum(c => c.Images.Count);

    public int ImpostorCount => Classes.Sum(c => c.Impostors.Count);

    public int ClassesWithImpostors => Classes.Count(c => c.Impostors.Count > 0);

    /// <param name="isImage">Whether an entry is an image; by default, whether its extension says so.</param>
    public static ClassIndex Build(IEnumerable<string> entries, Func<string, bool>? isImage = null)
    {
        isImage ??= ImageDecoder.HasImageExtension;
        var byFolder = new SortedDictionary<string, ClassMembers>(StringComparer.Ordinal);
        int nonImages = 0, outside = 0;
        foreach (string entry in entries)
        {
            if (IsHiddenOrSystem(entry)) continue;
            if (!isImage(entry)) { nonImages++; continue; }

            int slash = entry.LastIndexOf('/');
            var (folder, impostor) = slash <= 0 ? ("", false) : ImpostorFolders.ClassOf(entry[..slash]);
            if (folder.Length == 0) { outside++; continue; }
            if (!byFolder.TryGetValue(folder, out ClassMembers? members)) byFolder[folder] = members = new(folder, [], []);
            (impostor ? members.Impostors : members.Genuine).Add(entry);
        }

        string wrapper = CommonWrapperFolder(byFolder.Keys);
        return FromMembers(byFolder.Values.Select(m => m with { Name = m.Name[wrapper.Length..] }), nonImages, outside);
    }

    /// <summary>
    /// The classes with at least <see cref="MinImagesPerClass"/> genuine images, in the order given; the others are skipped.
    /// </summary>
    public static ClassIndex FromMembers(IEnumerable<ClassMembers> members, int nonImageEntries, int imagesOutsideClasses)
    {
        var classes = new List<ImageClass>();
        var skipped = new List<string>();
        foreach (ClassMembers m in members)
        {
            if (m.Genuine.Count < MinImagesPerClass) skipped.Add(m.Name);
            else
                classes.Add(new ImageClass(m.Name, m.Genuine.Order(StringComparer.Ordinal).ToArray())
                {
                    Impostors = m.Impostors.Order(StringComparer.Ordinal).ToArray(),
                });
        }
        return new ClassIndex(classes, skipped, nonImageEntries, imagesOutsideClasses);
    }

    /// <summary>Throws unless there are at least two usable classes (a negative pair needs two).</summary>
    public ClassIndex RequireTrainable(string source)
    {
        if (Classes.Count >= 2) return this;
        string found = Classes.Count == 0
            ? $"no {(Layout == ClassLayout.Labels ? "label" : "class folder")} with two or more images"
            : $"only one class ('{Classes[0].Name}') with two or more images";
        string classes = Layout == ClassLayout.Labels
            ? "each a label of two or more genuine images"
            : "each a folder with two or more images";
        throw new InvalidInputException(Classes.Count == 0 ? "data.no-images" : "data.too-few-classes",
            $"'{source}' has {found}; pairs need at least two classes, {classes} " +
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
