namespace Siamese.Bench;

/// <summary>Copies of images that no cache has seen: each gets trailing bytes after its end marker, which decoders ignore.</summary>
internal static class UniqueImages
{
    /// <summary><paramref name="count"/> images, cycling through the given ones, each made unique by a trailing number.</summary>
    public static List<byte[]> Of(IReadOnlyList<byte[]> images, int count, int salt = 0) =>
        Enumerable.Range(0, count).Select(i => (byte[])[.. images[i % images.Count], .. BitConverter.GetBytes(salt + i)]).ToList();
}
