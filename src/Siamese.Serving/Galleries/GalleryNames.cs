using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Siamese.Model;

namespace Siamese.Serving.Galleries;

/// <summary>What a gallery name, an identity's label and its user data may be; anything else is refused with a 400.</summary>
public static partial class GalleryNames
{
    public const int MaxLabelLength = 128;

    /// <summary>Bytes of an identity's user data in UTF-8, as the gallery's log holds it.</summary>
    public const int MaxUserDataBytes = GalleryChangeCodec.MaxUserDataBytes;

    public static string Gallery(string name) =>
        NamePattern().IsMatch(name)
            ? name
            : throw new InvalidInputException("gallery.name", "A gallery name is 1 to 64 letters, digits, '-' or '_'.");

    /// <summary>
    /// 1 to 128 printable characters without '/' or '\', and no spaces at either end: a label is a route segment and is shown
    /// to people, so control and format characters (which print as nothing) are refused.
    /// </summary>
    public static string Label(string label)
    {
        bool printable = label.All(c => CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Control
            or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.OtherNotAssigned));
        if (label.Length is 0 or > MaxLabelLength || !printable || label.Contains('/') || label.Contains('\\')
            || label.Trim().Length != label.Length)
            throw new InvalidInputException("gallery.label",
                $"A label is 1 to {MaxLabelLength} printable characters, without '/' or '\\' and without spaces at either end.");
        return label;
    }

    public static string? UserData(string? userData) =>
        userData is not null && Encoding.UTF8.GetByteCount(userData) is var bytes and > MaxUserDataBytes
            ? throw new InvalidInputException("gallery.user-data",
                $"An identity's user data is at most {MaxUserDataBytes:N0} bytes in UTF-8; this is {bytes:N0}.")
            : userData;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
