namespace Siamese.Serving.Galleries;

/// <summary>A place in a gallery's log: a segment ({gallery}/log/{segment:D6}) and a byte offset in it, always between
/// two whole records.</summary>
public readonly record struct LogPosition(int Segment, long Offset) : IComparable<LogPosition>
{
    public static LogPosition Start => new(0, 0);

    public int CompareTo(LogPosition other) =>
        Segment != other.Segment ? Segment.CompareTo(other.Segment) : Offset.CompareTo(other.Offset);

    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Segment:D6}@{Offset}";
}
