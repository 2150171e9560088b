namespace Siamese.Serving.Galleries;

/// <summary>The changes read from a gallery's log, in log order, and the position just after the last of them.</summary>
public sealed record LogRead(IReadOnlyList<GalleryChange> Changes, LogPosition Position);
