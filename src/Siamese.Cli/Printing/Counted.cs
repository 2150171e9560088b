using System.Globalization;

namespace Siamese.Cli.Printing;

/// <summary>A count with its noun, singular for one: "1 image", "3 images", "2 identities".</summary>
internal static class Counted
{
    public static string Of(int count, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? one : many ?? one + "s")}");
}
