namespace Siamese.Model.Data;

/// <summary>
/// Two image entries and whether they show the same class. <see cref="Key"/> names the pair uniquely within its
/// dataset ("class#p3" for the fourth positive of a class) and seeds its jitter, so a pair looks the same however
/// the work is split.
/// </summary>
public sealed record ImagePair(string Key, string FirstClass, string FirstImage, string SecondClass, string SecondImage)
{
    public bool IsSame => FirstClass == SecondClass;
}
