using System.Text;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;

namespace Siamese.Model.Data;

/// <summary>
/// The classes of a local zip or folder, by the rules an upload follows: labels.csv when there is one
/// (<see cref="LabelledClasses"/>), else a folder per class; a file is an image by its extension or, where that does not
/// say, by its first bytes.
/// </summary>
public static class ArchiveClasses
{
    public static ClassIndex Index(ImageArchive archive)
    {
        string? csv = RootFiles.Find(archive.Entries, LabelsCsv.FileName, archive.Name, "labels.ambiguous");
        var files = archive.Entries
            .Where(e => e != csv && !RootFiles.IsAtRoot(e, TrainingRecipes.ChoiceFile))
            .ToList();
        var probed = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool IsImage(string entry) => ImageDecoder.HasImageExtension(entry)
            || (probed.TryGetValue(entry, out bool image)
                ? image
                : probed[entry] = ImageDecoder.HasImageSignature(archive.Read(entry).AsSpan()));
        if (csv is null) return ClassIndex.Build(files, IsImage);

        var rows = LabelsCsv.Parse(Encoding.UTF8.GetString(archive.Read(csv)), csv);
        return LabelledClasses.Build(rows, csv, files, IsImage, archive.Name);
    }
}
