using System.Text.Json.Serialization;

namespace Siamese.Serving.Galleries;

/// <summary>
/// {gallery}/gallery.json: what a gallery is, written once (If-None-Match: *) when it is created and never changed: its
/// name, the model name it belongs to, when it was created and the layout of its blobs (<see cref="CurrentFormat"/>).
/// </summary>
public sealed record GalleryHeader(string Name, string Model, DateTimeOffset CreatedUtc, string Format)
{
    /// <summary>A header, an append-blob change log in segments and one blob per image (this namespace's GalleryLog).</summary>
    public const string CurrentFormat = "siamese-gallery/2";
}

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GalleryHeader))]
public sealed partial class GalleryHeaderJson : JsonSerializerContext;
