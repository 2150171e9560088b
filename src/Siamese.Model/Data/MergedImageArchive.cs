using System.Security.Cryptography;
using System.Text;

namespace Siamese.Model.Data;

/// <summary>
/// Several archives seen as one. Each part's single wrapper folder is dropped, so "images_background_small1/Greek/
/// character01/x.png" and "images_background_small2/Greek/character01/x.png" are the same entry: classes that appear
/// in several parts are merged and repeated files are read once (from the first part that has them).
/// </summary>
public sealed class MergedImageArchive : ImageArchive
{
    private readonly IReadOnlyList<ImageArchive> parts;
    private readonly Dictionary<string, (ImageArchive Part, string Entry)> owners = new(StringComparer.Ordinal);

    public MergedImageArchive(IReadOnlyList<ImageArchive> parts)
    {
        this.parts = parts;
        foreach (ImageArchive part in parts)
        {
            var folders = part.Entries.Where(e => e.Contains('/')).Select(e => e[..e.LastIndexOf('/')]).ToHashSet(StringComparer.Ordinal);
            string wrapper = ClassIndex.CommonWrapperFolder(folders);
            foreach (string entry in part.Entries.Where(e => e.StartsWith(wrapper, StringComparison.Ordinal)))
                owners.TryAdd(entry[wrapper.Length..], (part, entry));
        }
        Entries = owners.Keys.Order(StringComparer.Ordinal).ToArray();
        Name = string.Join(" + ", parts.Select(p => p.Name));
        ContentId = ContentIds.Shorten(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts.Select(p => p.ContentId)))));
    }

    public override string Name { get; }
    public override IReadOnlyList<string> Entries { get; }
    public override string ContentId { get; }

    public override byte[] Read(string entry) =>
        owners.TryGetValue(entry, out var owner)
            ? owner.Part.Read(owner.Entry)
            : throw new InvalidInputException("data.missing-entry", $"'{Name}' has no entry '{entry}'.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            foreach (ImageArchive part in parts) part.Dispose();
    }
}
