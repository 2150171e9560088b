namespace Siamese.Model.Data;

/// <summary>Files held in memory, e.g. the class images of a prepared dataset read back from blob storage.</summary>
public sealed class MemoryImageArchive(string name, string contentId, IReadOnlyDictionary<string, byte[]> files) : ImageArchive
{
    /// <summary>
    /// The class images of a dataset (PNG bytes by their entry in the upload), named so that the folder-per-class rule gives
    /// the dataset's classes in their order with their impostors (<see cref="ClassArchiveNames"/>).
    /// </summary>
    public static MemoryImageArchive OfClasses(string name, string contentId, IReadOnlyList<ImageClass> classes,
        IReadOnlyDictionary<string, byte[]> images) =>
        new(name, contentId, ClassArchiveNames.For(classes, images));

    public override string Name { get; } = name;
    public override IReadOnlyList<string> Entries { get; } = files.Keys.Order(StringComparer.Ordinal).ToArray();
    public override string ContentId { get; } = contentId;

    public override byte[] Read(string entry) =>
        files.TryGetValue(entry, out byte[]? bytes)
            ? bytes
            : throw new InvalidInputException("data.missing-entry", $"'{Name}' has no entry '{entry}'.");
}
