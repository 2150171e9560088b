namespace Siamese.Serving.Galleries;

/// <summary>One change in a gallery's log ({gallery}/log/); the log's order is the order of application.</summary>
public abstract record GalleryChange;

/// <summary>An image enrolled under a label, with its embedding by the model <paramref name="ModelId"/> (a checkpoint id).
/// An image id enrolled again replaces the earlier image.</summary>
public sealed record ImageEnrolled(
    string ImageId,
    string Label,
    string ContentHash,
    string ModelId,
    float[] Embedding,
    DateTimeOffset EnrolledUtc) : GalleryChange;

/// <summary>An enrolled image embedded again, by another model.</summary>
public sealed record ImageEmbedded(string ImageId, string ModelId, float[] Embedding) : GalleryChange;

public sealed record ImageRemoved(string ImageId) : GalleryChange;

/// <summary>Removes the identity: every image of the label enrolled before it, and its user data.</summary>
public sealed record IdentityRemoved(string Label) : GalleryChange;

/// <summary>The identity's user data (JSON text, at most <see cref="GalleryChangeCodec.MaxUserDataBytes"/> bytes of UTF-8),
/// or null to clear it.</summary>
public sealed record IdentityDataSet(string Label, string? UserData) : GalleryChange;
