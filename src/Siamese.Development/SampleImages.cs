using System.IO.Compression;

namespace Siamese.Development;

/// <summary>The repository's Omniglot subsets (data/omniglot, MIT), copied next to every assembly that references this library.</summary>
public static class SampleImages
{
    public static string Omniglot(string file) => Path.Combine(AppContext.BaseDirectory, "data", "omniglot", file);

    public static string Background1 => Omniglot("images_background_small1.zip");
    public static string Background2 => Omniglot("images_background_small2.zip");
    public static string AllRuns => Omniglot("all_runs.zip");

    /// <summary>The PNG bytes of the first <paramref name="count"/> images of the background subset 1.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> SomeCharacters(int count)
    {
        using ZipArchive zip = ZipFile.OpenRead(Background1);
        return zip.Entries.Where(e => e.FullName.EndsWith(".png", StringComparison.Ordinal))
            .Take(count)
            .Select(e => (e.FullName, Read(e)))
            .ToList();
    }

    public static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
