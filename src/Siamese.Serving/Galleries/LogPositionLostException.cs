namespace Siamese.Serving.Galleries;

/// <summary>
/// A position in a gallery's log that no longer exists: the gallery was deleted (and perhaps created again) since it was
/// read. Whoever holds state built from the old log builds it again from <see cref="LogPosition.Start"/>.
/// </summary>
public sealed class LogPositionLostException(string gallery, LogPosition position)
    : Exception($"Gallery '{gallery}' has no log at {position} any more: it was deleted since it was read.")
{
    public string Gallery { get; } = gallery;

    public LogPosition Position { get; } = position;
}
