using System.IO.Compression;
using System.Security.Cryptography;

namespace Siamese.Model.Data;

/// <summary>
/// A read-only collection of files, from a zip or a directory, addressed by '/'-separated relative paths.
/// Nothing is extracted to disk; entries are read on demand.
/// </summary>
public abstract class ImageArchive : IDisposable
{
    public abstract string Name { get; }

    /// <summary>Relative paths of every file, '/'-separated, in ordinal order.</summary>
    public abstract IReadOnlyList<string> Entries { get; }

    /// <summary>A short content hash: the same bytes give the same id, wherever they come from.</summary>
    public abstract string ContentId { get; }

    public abstract byte[] Read(string entry);

    public static ImageArchive Open(string path)
    {
        if (Directory.Exists(path)) return new DirectoryImageArchive(path);
        if (!File.Exists(path))
            throw new MissingInputException("data.not-found", $"'{path}' does not exist: give a zip file or a directory of class folders.");
        return ZipImageArchive.OpenFile(path);
    }

    /// <summary>One archive, or several merged into one (see <see cref="MergedImageArchive"/>).</summary>
    public static ImageArchive Open(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
            throw new MissingInputException("data.not-found", "No data given: name a zip file or a directory of class folders.");
        if (paths.Count == 1) return Open(paths[0]);
        var parts = new List<ImageArchive>();
        try
        {
            foreach (string path in paths) parts.Add(Open(path));
            return new MergedImageArchive(parts);
        }
        catch
        {
            parts.ForEach(p => p.Dispose());
            throw;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) { }

}

public sealed class ZipImageArchive : ImageArchive
{
    private readonly ZipArchive zip;
    private readonly Dictionary<string, ZipArchiveEntry> files;
    private readonly Lock gate = new();

    private ZipImageArchive(string name, ZipArchive zip, string contentId)
    {
        Name = name;
        this.zip = zip;
        ContentId = contentId;
        files = zip.Entries
            .Where(e => !e.FullName.EndsWith('/'))
            .GroupBy(e => e.FullName.Replace('\\', '/'), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Entries = files.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    public override string Name { get; }
    public override IReadOnlyList<string> Entries { get; }
    public override string ContentId { get; }

    public static ZipImageArchive OpenFile(string path)
    {
        FileStream stream = File.OpenRead(path);
        try
        {
            string contentId = ContentIds.Shorten(SHA256.HashData(stream));
            stream.Position = 0;
            return new ZipImageArchive(Path.GetFileName(path), new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false), contentId);
        }
        catch (InvalidDataException ex)
        {
            stream.Dispose();
            throw new InvalidInputException("data.not-a-zip", $"'{path}' is not a readable zip file ({ex.Message.TrimEnd('.')}).", ex);
        }
    }

    public override byte[] Read(string entry)
    {
        lock (gate) // ZipArchive is not safe for concurrent reads.
        {
            if (!files.TryGetValue(entry, out ZipArchiveEntry? zipEntry))
                throw new InvalidInputException("data.missing-entry", $"'{Name}' has no entry '{entry}'.");
            try
            {
                using Stream stream = zipEntry.Open();
                var buffer = new MemoryStream((int)Math.Min(zipEntry.Length, int.MaxValue));
                stream.CopyTo(buffer);
                return buffer.ToArray();
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidInputException("data.corrupt-entry",
                    $"Entry '{entry}' of '{Name}' cannot be read ({ex.Message.TrimEnd('.')}).", ex);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) zip.Dispose();
    }
}

public sealed class DirectoryImageArchive : ImageArchive
{
    private readonly string root;
    private readonly Lazy<string> contentId;

    public DirectoryImageArchive(string directory)
    {
        root = Path.GetFullPath(directory);
        Name = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
        Entries = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        contentId = new Lazy<string>(HashContents);
    }

    public override string Name { get; }
    public override IReadOnlyList<string> Entries { get; }
    public override string ContentId => contentId.Value;

    public override byte[] Read(string entry) => File.ReadAllBytes(Path.Combine(root, entry));

    private string HashContents()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string entry in Entries)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(entry + "\n"));
            hash.AppendData(SHA256.HashData(Read(entry)));
        }
        return ContentIds.Shorten(hash.GetHashAndReset());
    }
}
