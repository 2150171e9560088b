namespace Siamese.Model.Data;

/// <summary>
/// Names for the images of known classes in an archive such that the folder-per-class rule (<see cref="ClassIndex.Build"/>)
/// gives back exactly those classes, in their order, with their impostors: whoever indexes the archive (training, the model
/// challenge) sees the classes the dataset has. Their entries in the upload where those do (a folder per class, impostor
/// folders, known extensions: every dataset prepared before labels.csv), else <c>classes/&lt;class&gt;/&lt;n&gt;.png</c> and
/// <c>classes/&lt;class&gt;/forged/&lt;n&gt;.png</c> for its impostors.
/// </summary>
public static class ClassArchiveNames
{
    public const string Folder = "classes/";

    /// <summary>The impostor folder (<see cref="ImpostorFolders"/>) that renamed impostors go under.</summary>
    public const string ImpostorFolder = "forged/";

    /// <param name="images">The PNG bytes of every image of the classes, genuine and impostor, by its entry in the upload.</param>
    public static IReadOnlyDictionary<string, byte[]> For(IReadOnlyList<ImageClass> classes, IReadOnlyDictionary<string, byte[]> images)
    {
        if (Reproduces(classes, images.Keys)) return images;
        var named = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (ImageClass imageClass in classes)
        {
            for (int i = 0; i < imageClass.Images.Count; i++)
                named[$"{Folder}{imageClass.Name}/{i:D6}.png"] = Stored(images, imageClass, imageClass.Images[i]);
            for (int i = 0; i < imageClass.Impostors.Count; i++)
                named[$"{Folder}{imageClass.Name}/{ImpostorFolder}{i:D6}.png"] = Stored(images, imageClass, imageClass.Impostors[i]);
        }
        return named;
    }

    private static byte[] Stored(IReadOnlyDictionary<string, byte[]> images, ImageClass imageClass, string entry) =>
        images.TryGetValue(entry, out byte[]? png)
            ? png
            : throw new InvalidInputException("dataset.missing-image",
                $"The stored images lack '{entry}' of class '{imageClass.Name}'; the dataset is incomplete.");

    private static bool Reproduces(IReadOnlyList<ImageClass> classes, IEnumerable<string> entries)
    {
        var rebuilt = ClassIndex.Build(entries).Classes;
        return rebuilt.Count == classes.Count
               && rebuilt.Zip(classes).All(p => p.First.Name == p.Second.Name && p.First.Images.SequenceEqual(p.Second.Images)
                                                && p.First.Impostors.SequenceEqual(p.Second.Impostors));
    }
}
