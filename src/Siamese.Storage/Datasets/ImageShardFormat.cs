using System.Text.Json.Serialization;

namespace Siamese.Storage.Datasets;

/// <summary>One image in a class image shard: its class, the entry of the upload it came from, and its file in the shard.</summary>
public sealed record ShardImage(string Class, string Entry, string File)
{
    /// <summary>
    /// An image known NOT to be of its class (a forgery); written only when true, so shards without impostors keep their bytes.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Impostor { get; init; }
}

/// <summary>
/// A class image shard: every image of some classes, each once, as lossless PNG (see
/// <see cref="Model.Imaging.StoredImage"/>), plus images.json listing each image's class and source entry (see
/// <see cref="ShardZip"/>). From these any recipe can sample and augment images on the fly.
/// </summary>
public static class ImageShardFormat
{
    public const string ImagesFile = "images.json";

    public static byte[] Write(IReadOnlyList<(string Class, string Entry, bool Impostor, byte[] Png)> images) =>
        ShardZip.Write(images.Count, (i, file) => file.Write(images[i].Png),
            (i, file) => new ShardImage(images[i].Class, images[i].Entry, file) { Impostor = images[i].Impostor },
            ImagesFile, StorageJson.Default.ShardImageArray);

    /// <summary>The images of a shard, each with its PNG bytes.</summary>
    public static IReadOnlyList<(ShardImage Image, byte[] Png)> Read(Stream shard) =>
        ShardZip.Read(shard, ImagesFile, StorageJson.Default.ShardImageArray, image => image.File);
}
