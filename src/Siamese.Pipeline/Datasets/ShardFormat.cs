using System.IO.Compression;
using System.Text.Json;
using Siamese.Model.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;

namespace Siamese.Pipeline.Datasets;

/// <summary>One pair in a shard: its pair image file and where its two images came from.</summary>
public sealed record ShardPair(string Key, bool IsSame, string FirstClass, string FirstImage, string SecondClass, string SecondImage, string File);

/// <summary>
/// A shard is a zip (stored, not deflated: PNG is compressed already) of lossless PNG pair images plus pairs.json,
/// which lists every pair with its label and sources. Readers need nothing but a zip library and a PNG decoder.
/// </summary>
public static class ShardFormat
{
    public const string PairsFile = "pairs.json";

    private static readonly PngEncoder Encoder = new() { CompressionLevel = PngCompressionLevel.BestCompression };

    public static byte[] Write(IReadOnlyList<(ImagePair Pair, Image Image)> pairs)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var listing = new ShardPair[pairs.Count];
            for (int i = 0; i < pairs.Count; i++)
            {
                var (pair, image) = pairs[i];
                string file = $"{i:D5}.png";
                using (Stream entry = zip.CreateEntry(file, CompressionLevel.NoCompression).Open())
                    image.Save(entry, Encoder);
                listing[i] = new ShardPair(pair.Key, pair.IsSame, pair.FirstClass, pair.FirstImage, pair.SecondClass, pair.SecondImage, file);
            }
            using Stream pairsEntry = zip.CreateEntry(PairsFile, CompressionLevel.Optimal).Open();
            JsonSerializer.Serialize(pairsEntry, listing, PipelineJson.Default.ShardPairArray);
        }
        return buffer.ToArray();
    }

    /// <summary>The pairs of a shard, each with its PNG bytes.</summary>
    public static IReadOnlyList<(ShardPair Pair, byte[] Png)> Read(Stream shard)
    {
        using var zip = new ZipArchive(shard, ZipArchiveMode.Read, leaveOpen: true);
        ZipArchiveEntry listingEntry = zip.GetEntry(PairsFile) ?? throw new InvalidDataException($"The shard has no {PairsFile}.");
        ShardPair[] listing;
        using (Stream stream = listingEntry.Open())
            listing = JsonSerializer.Deserialize(stream, PipelineJson.Default.ShardPairArray) ?? [];

        return listing.Select(pair => (pair, ReadEntry(zip, pair.File))).ToList();
    }

    /// <summary>The bytes of a file a shard's listing names.</summary>
    internal static byte[] ReadEntry(ZipArchive zip, string file)
    {
        ZipArchiveEntry entry = zip.GetEntry(file) ?? throw new InvalidDataException($"The shard lists {file} but does not hold it.");
        using Stream stream = entry.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
