using System.Text.RegularExpressions;
using Siamese.Model;

namespace Siamese.Storage.Promotion;

/// <summary>
/// The name a model is trained and served under. Each name has its own served pointer, champion and challenger, history,
/// promotion and roll-back, so one user's upload changes only the answers of the name it was uploaded for. `default` is
/// the shipped model's name and what every call that names none gets.
/// </summary>
public static partial class ModelName
{
    public const string Default = "default";

    /// <summary>Blob metadata of an upload in raw/ (and the key of recipe.json) that names the model it trains for.</summary>
    public const string Metadata = "model";

    /// <summary>The code of a name that serves nothing (HTTP 404).</summary>
    public const string UnknownCode = "models.unknown-model";

    /// <summary>What a name may be, in words (every error about a name says it).</summary>
    public const string Rule = "1 to 40 lower-case letters, digits or '-', starting with a letter or digit";

    /// <summary>The name, or <see cref="Default"/> when none is given; a name that breaks <see cref="Rule"/> is an error.</summary>
    public static string Check(string? name)
    {
        if (string.IsNullOrEmpty(name)) return Default;
        if (!Pattern().IsMatch(name))
            throw new InvalidInputException("model.invalid-name", $"'{Shorten(name)}' is not a model name: a name is {Rule}.");
        return name;
    }

    public static bool IsDefault(string name) => name == Default;

    /// <summary>" for model alice" after what a message says of a name's model; nothing for `default`, whose messages read as
    /// they did before names existed.</summary>
    public static string Suffix(string name) => IsDefault(name) ? "" : $" for model {name}";

    /// <summary>A name that serves nothing, with the names that do and how a name comes to exist.</summary>
    public static MissingInputException Unknown(string name, IEnumerable<string> known) =>
        new(UnknownCode, $"No model is served under '{name}'; known: {string.Join(", ", known)}. " +
                         $"Upload data for it with `siamese upload <zip> --model {name}`.");

    private static string Shorten(string name) => name.Length <= 60 ? name : name[..60] + "…";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex Pattern();
}
