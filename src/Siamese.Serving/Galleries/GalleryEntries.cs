namespace Siamese.Serving.Galleries;

/// <summary>An identity of a gallery: its label, its images in enrolment order (with when each was enrolled) and its user data.</summary>
public sealed record IdentityEntry(
    string Label,
    IReadOnlyList<string> ImageIds,
    IReadOnlyList<DateTimeOffset> EnrolledUtc,
    string? UserData);

/// <summary>An enrolled image; <paramref name="HasEmbedding"/>: whether the index's model has embedded it.</summary>
public sealed record ImageEntry(string ImageId, string Label, string ContentHash, DateTimeOffset EnrolledUtc, bool HasEmbedding);

/// <summary>An image near a query, by the L1 distance of their embeddings (smaller is nearer).</summary>
public readonly record struct Neighbour(string ImageId, string Label, float Distance);
