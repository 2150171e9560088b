namespace Siamese.Model.Data;

/// <summary>
/// Names for the genuine images of known classes in an archive such that the folder-per-class rule
/// (<see cref="ClassIndex.Build"/>) gives back exactly those classes, in their order: whoever indexes the archive (training,
/// the model challenge) sees the classes the dataset has. Their entries in the upload where those do (a folder per class,
/// known extensions: every dataset prepared before labels.csv), else <c>classes/&lt;class&gt;/&lt;n&gt;.png</c>.
/// </summary>
public static class ClassArchiveNames
{
    public const string Folder = "classes/";

    /// <param name="images">The PNG bytes of every genuine image, by its entry in the upload.</param>
    public static IReadOnlyDictionary<string, byte[]> For(IReadOnlyList<ImageClass> classes, IReadOnlyDictionary<string, byte[]> images)
    {
        if (Reproduces(classes, images.Keys)) return images;
        var named = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (ImageClass imageClass in classes)
            for (int i = 0; i < imageClass.Images.Count; i++)
                named[$"{Folder}{imageClass.Name}/{i:D6}.png"] = images.TryGetValue(imageClass.Images[i], out byte[]? png)
                    ? png
                    : throw new InvalidInputException("dataset.missing-image",
                        $"The stored images lack '{imageClass.Images[i]}' of class '{imageClass.Name}'; the dataset is incomplete.");
        return named;
    }

    private static bool Reproduces(IReadOnlyList<ImageClass> classes, IEnumerable<string> entries)
    {
        var rebuilt = ClassIndex.Build(entries).Classes;
        return rebuilt.Count == classes.Count
               && rebuilt.Zip(classes).All(p => p.First.Name == p.Second.Name && p.First.Images.SequenceEqual(p.Second.Images));
    }
}
