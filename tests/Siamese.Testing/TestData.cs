using System.IO.Compression;
using Siamese.Development;

namespace Siamese.Testing;

/// <summary>Small zips built from the Omniglot subsets (<see cref="SampleImages"/>).</summary>
public static class TestData
{
    /// <summary>Writes a zip with the given entries to a new temporary file.</summary>
    public static string WriteZip(TempDirectory directory, string name, IEnumerable<(string Entry, byte[] Bytes)> entries)
    {
        string path = Path.Combine(directory.Path, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, bytes) in entries)
        {
            using var stream = zip.CreateEntry(entry).Open();
            stream.Write(bytes);
        }
        return path;
    }

    /// <summary>
    /// A zip of <paramref name="classes"/> Omniglot characters, <paramref name="perClass"/> images each, as class folders.
    /// </summary>
    public static string SmallOmniglotZip(TempDirectory directory, int classes, int perClass)
    {
        using ZipArchive source = ZipFile.OpenRead(SampleImages.Background1);
        var picked = source.Entries.Where(e => e.FullName.EndsWith(".png", StringComparison.Ordinal))
            .GroupBy(e => Path.GetDirectoryName(e.FullName))
            .Take(classes)
            .SelectMany(g => g.Take(perClass))
            .Select(e => (e.FullName, SampleImages.Read(e)))
            .ToList();
        return WriteZip(directory, $"omniglot-{classes}x{perClass}.zip", picked);
    }

    /// <summary>
    /// A zip of <paramref name="classes"/> Omniglot characters as class folders (set/c00/…), <paramref name="perClass"/>
    /// images each, and in each class's forged/ folder the first <paramref name="impostorsPerClass"/> images of another
    /// character: its impostors, as a signature set marks a writer's forgeries.
    /// </summary>
    public static string ForgedOmniglotZip(TempDirectory directory, int classes, int perClass, int impostorsPerClass)
    {
        using ZipArchive source = ZipFile.OpenRead(SampleImages.Background1);
        var characters = source.Entries.Where(e => e.FullName.EndsWith(".png", StringComparison.Ordinal))
            .GroupBy(e => Path.GetDirectoryName(e.FullName))
            .Take(2 * classes)
            .Select(g => g.ToList())
            .ToList();
        var entries = new List<(string, byte[])>();
        for (int c = 0; c < classes; c++)
        {
            entries.AddRange(characters[c].Take(perClass).Select((e, i) => ($"set/c{c:D2}/{i:D2}.png", SampleImages.Read(e))));
            entries.AddRange(characters[classes + c].Take(impostorsPerClass)
                .Select((e, i) => ($"set/c{c:D2}/forged/{i:D2}.png", SampleImages.Read(e))));
        }
        return WriteZip(directory, $"forged-{classes}x{perClass}+{impostorsPerClass}.zip", entries);
    }
}
