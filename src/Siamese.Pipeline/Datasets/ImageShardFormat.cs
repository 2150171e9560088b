using System.IO.Compression;
using System.Text.Json;

namespace Siamese.Pipeline.Datasets;

/// <summary>One image in a class image shard: its class, the entry of the upload it came from, and its file in the shard.</summary>
public sealed record ShardImage(string Class, string Entry, string File);

/// <summary>
/// A class image shard is a zip (stored: PNG is compressed already) of every image of some classes, each once, as
/// lossless PNG (see <see cref="Model.Imaging.StoredImage"/>), plus images.json listing each image's class and source
/// entry. From these any recipe can sample and augment images on the fly.
/// </summary>
public static class ImageShardFormat
{
    public const string ImagesFile = "images.json";

    public static byte[] Write(IReadOnlyList<(string Class, string Entry, byte[] Png)> images)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var listing = new ShardImage[images.Count];
            for (int i = 0; i < images.Count; i++)
            {
                var (cls, entry, png) = images[i];
                string file = $"{i:D5}.png";
                using (Stream stream = zip.CreateEntry(file, CompressionLevel.NoCompression).Open())
                    stream.Write(png);
                listing[i] = new ShardImage(cls, entry, file);
            }
            using Stream listingEntry = zip.CreateEntry(ImagesFile, CompressionLevel.Optimal).Open();
            JsonSerializer.Serialize(listingEntry, listing, PipelineJson.Default.ShardImageArray);
        }
        return buffer.ToArray();
    }

    /// <summary>The images of a shard, each with its PNG bytes.</summary>
    public static IReadOnlyList<(ShardImage Image, byte[] Png)> Read(Stream shard)
    {
        using var zip = new ZipArchive(shard, ZipArchiveMode.Read, leaveOpen: true);
        ZipArchiveEntry listingEntry = zip.GetEntry(ImagesFile) ?? throw new InvalidDataException($"The shard has no {ImagesFile}.");
        ShardImage[] listing;
        using (Stream stream = listingEntry.Open())
            listing = JsonSerializer.Deserialize(stream, PipelineJson.Default.ShardImageArray) ?? [];
        return listing.Select(image => (image, ShardFormat.ReadEntry(zip, image.File))).ToList();
    }
}
