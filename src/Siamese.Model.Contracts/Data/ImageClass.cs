namespace Siamese.Model.Data;

/// <summary>
/// One class: its name and its genuine image entries, in ordinal order, and the entries of its impostors (images known NOT
/// to be of the class, e.g. forgeries). Training and validation use <see cref="Images"/> only.
/// </summary>
public sealed record ImageClass(string Name, IReadOnlyList<string> Images)
{
    /// <summary>Images known not to be of this class; empty in datasets prepared before impostors existed.</summary>
    public IReadOnlyList<string> Impostors { get => impostors ?? []; init => impostors = value; }

    // Null in indexes from before impostors (a source-generated reader sets a missing member to null).
    private readonly IReadOnlyList<string>? impostors;
}
