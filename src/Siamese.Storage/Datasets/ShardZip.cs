using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Siamese.Storage.Datasets;

/// <summary>
/// The container both shard kinds share: a zip of numbered PNG files (stored, not deflated: PNG is compressed already)
/// and a JSON listing that describes each file. Readers need nothing but a zip library and a PNG decoder.
/// </summary>
internal static class ShardZip
{
    public static byte[] Write<T>(
        int count,
        Action<int, Stream> writeFile,
        Func<int, string, T> describe,
        string listingFile,
        JsonTypeInfo<T[]> listingType)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var listing = new T[count];
            for (int i = 0; i < count; i++)
            {
                string file = $"{i:D5}.png";
                using (Stream entry = zip.CreateEntry(file, CompressionLevel.NoCompression).Open())
                    writeFile(i, entry);
                listing[i] = describe(i, file);
            }
            using Stream listingEntry = zip.CreateEntry(listingFile, CompressionLevel.Optimal).Open();
            JsonSerializer.Serialize(listingEntry, listing, listingType);
        }
        return buffer.ToArray();
    }

    public static IReadOnlyList<(T Item, byte[] Png)> Read<T>(
        Stream shard,
        string listingFile,
        JsonTypeInfo<T[]> listingType,
        Func<T, string> fileOf)
    {
        using var zip = new ZipArchive(shard, ZipArchiveMode.Read, leaveOpen: true);
        ZipArchiveEntry listingEntry = zip.GetEntry(listingFile) ?? throw new InvalidDataException($"The shard has no {listingFile}.");
        T[] listing;
        using (Stream stream = listingEntry.Open())
            listing = JsonSerializer.Deserialize(stream, listingType) ?? [];
        return listing.Select(item => (item, ReadEntry(zip, fileOf(item)))).ToList();
    }

    private static byte[] ReadEntry(ZipArchive zip, string file)
    {
        ZipArchiveEntry entry = zip.GetEntry(file) ?? throw new InvalidDataException($"The shard lists {file} but does not hold it.");
        using Stream stream = entry.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
