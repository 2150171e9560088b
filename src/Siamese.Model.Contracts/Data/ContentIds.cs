using System.Security.Cryptography;

namespace Siamese.Model.Data;

/// <summary>
/// Ids derived from content, so the same bytes always get the same id: a zip uploaded twice is one dataset, and a run
/// trained from a local zip and from that zip's upload has the same data id.
/// </summary>
public static class ContentIds
{
    /// <summary>Hex digits of an id: 64 bits of SHA-256, plenty to tell datasets apart.</summary>
    public const int Length = 16;

    /// <summary>The SHA-256 of the content in lower-case hex (shard checksums, cache keys).</summary>
    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The id of a zip (the dataset id of its upload): the first <see cref="Length"/> hex digits of its SHA-256.</summary>
    public static string Of(ReadOnlySpan<byte> zip) => Sha256(zip)[..Length];

    public static async Task<string> OfAsync(Stream zip, CancellationToken cancellationToken) =>
        Shorten(await SHA256.HashDataAsync(zip, cancellationToken));

    /// <summary>An id from a SHA-256 computed elsewhere (incrementally, or over other ids).</summary>
    public static string Shorten(byte[] sha256) => Convert.ToHexStringLower(sha256)[..Length];
}
