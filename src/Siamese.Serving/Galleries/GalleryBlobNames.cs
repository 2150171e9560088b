using System.Globalization;

namespace Siamese.Serving.Galleries;

/// <summary>Where a gallery's parts lie in the galleries container.</summary>
internal static class GalleryBlobNames
{
    public static string Prefix(string gallery) => $"{gallery}/";

    public static string Header(string gallery) => $"{gallery}/gallery.json";

    public static string Image(string gallery, string imageId) => $"{gallery}/images/{Uri.EscapeDataString(imageId)}";

    public static string LogPrefix(string gallery) => $"{gallery}/log/";

    public static string LogSegment(string gallery, int segment) => $"{gallery}/log/{segment.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>The segment number of a blob listed under <see cref="LogPrefix"/>, or null for anything else.</summary>
    public static int? SegmentOf(string gallery, string blobName) =>
        blobName.StartsWith(LogPrefix(gallery), StringComparison.Ordinal)
        && int.TryParse(blobName.AsSpan(LogPrefix(gallery).Length), NumberStyles.None, CultureInfo.InvariantCulture, out int segment)
            ? segment
            : null;
}
