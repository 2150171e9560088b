namespace Siamese.Model.Data;

/// <summary>
/// Files an upload may carry beside its images (recipe.json, labels.csv): at the root, or at the root of a folder that
/// wraps everything (one level down), never deeper.
/// </summary>
public static class RootFiles
{
    public static bool IsAtRoot(string entry, string fileName) =>
        Path.GetFileName(entry) == fileName && entry.Count(c => c == '/') <= 1;

    /// <summary>The one such file among the entries, null when there is none; two are ambiguous (<paramref name="code"/>).</summary>
    public static string? Find(IEnumerable<string> entries, string fileName, string source, string code)
    {
        var found = entries.Where(e => IsAtRoot(e, fileName)).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new InvalidInputException(code,
                $"'{source}' has {found.Count} {fileName} files ({string.Join(", ", found)}); keep one, at the zip's root."),
        };
    }
}
