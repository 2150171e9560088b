namespace Siamese.Model.Data;

/// <summary>
/// The classes that labels.csv gives: each row puts its file (relative to the CSV's folder) in the class its label
/// names, as an impostor where the row says so. Folders do not matter then. The CSV must name exactly the images there
/// are: a file it names that is not there, or an image it does not name, fails the upload with the first few of them.
/// </summary>
public static class LabelledClasses
{
    private const int Shown = 5;

    /// <param name="csvEntry">Where labels.csv is, e.g. "set/labels.csv".</param>
    /// <param name="files">Every file beside it (not the CSV itself, nor recipe.json).</param>
    /// <param name="isImage">Whether a file is a usable image.</param>
    public static ClassIndex Build(IReadOnlyList<LabelRow> rows, string csvEntry, IReadOnlyCollection<string> files,
        Func<string, bool> isImage, string source)
    {
        string folder = csvEntry[..(csvEntry.LastIndexOf('/') + 1)];
        var present = files.ToHashSet(StringComparer.Ordinal);
        var missing = rows.Where(r => !present.Contains(folder + r.File)).Select(r => $"{r.File} (line {r.Line})").ToList();
        if (missing.Count > 0)
            throw new InvalidInputException("labels.missing-files",
                $"'{csvEntry}' in '{source}' names {missing.Count} files that are not in the upload: {Examples(missing)}.");

        var named = rows.Select(r => folder + r.File).ToHashSet(StringComparer.Ordinal);
        var candidates = files.Where(f => !ClassIndex.IsHiddenOrSystem(f)).ToList();
        var images = candidates.Where(isImage).ToList();
        var unlabelled = images.Where(f => !named.Contains(f)).ToList();
        if (unlabelled.Count > 0)
            throw new InvalidInputException("labels.unlabelled-files",
                $"'{source}' has {unlabelled.Count} images that '{csvEntry}' does not label: {Examples(unlabelled)}; " +
                "give each a row, or leave it out of the upload.");

        var groups = rows.Where(r => isImage(folder + r.File))
            .GroupBy(r => r.Label, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ClassMembers(g.Key,
                g.Where(r => !r.Impostor).Select(r => folder + r.File).ToList(),
                g.Where(r => r.Impostor).Select(r => folder + r.File).ToList()));
        return ClassIndex.FromMembers(groups, candidates.Count - images.Count, imagesOutsideClasses: 0) with
        {
            Layout = ClassLayout.Labels,
        };
    }

    private static string Examples(IReadOnlyList<string> items) =>
        string.Join(", ", items.Take(Shown)) + (items.Count > Shown ? $" and {items.Count - Shown} more" : "");
}
