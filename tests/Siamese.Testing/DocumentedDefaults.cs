using System.Globalization;
using System.Text.RegularExpressions;
using Siamese.DevStorage;
using Xunit;

namespace Siamese.Testing;

/// <summary>
/// The defaults README.md and the pages of docs/ state, read back so a test can hold them to the options classes: a
/// default is said once, by its initialiser, and the documentation cannot drift from it.
/// </summary>
public static partial class DocumentedDefaults
{
    /// <summary>README.md, then every page of docs/ (in name order), as one text.</summary>
    public static string Text => string.Join("\n", Documentation.Select(File.ReadAllText));

    public static IEnumerable<string> Documentation =>
        new[] { Path.Combine(Repository.Root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Order(StringComparer.Ordinal));

    /// <summary>The (setting, default) pairs of the settings table that follows <paramref name="heading"/>.</summary>
    public static IReadOnlyList<(string Setting, string Default)> Table(string heading)
    {
        string text = Text;
        int start = text.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"neither README.md nor docs/ has '{heading}'");
        var rows = text[start..].Split('\n').SkipWhile(line => !line.StartsWith('|')).Skip(2).TakeWhile(line => line.StartsWith('|'));
        var pairs = new List<(string, string)>();
        foreach (string row in rows)
        {
            string[] cells = row.Split('|', StringSplitOptions.TrimEntries);
            string[] settings = Code().Matches(cells[1]).Select(m => m.Groups[1].Value).ToArray();
            if (settings.Length == 0) continue;   // a pattern such as RecipeOverrides:<Section>:<Name> has no default
            string[] defaults = cells[2].Split(", ").Select(d => d.Trim('`')).ToArray();
            Assert.True(settings.Length == defaults.Length,
                $"README row '{row}' names {settings.Length} settings and {defaults.Length} defaults");
            pairs.AddRange(settings.Zip(defaults));
        }
        return pairs;
    }

    /// <summary>Every "`Section:Setting` (value" or "`Section:Setting`, value" in the prose, with its value.</summary>
    public static IReadOnlyList<(string Setting, string Default)> Mentions(string section) =>
        Regex.Matches(Text, $@"`{section}:(?<setting>\w+)`(?: \(|, )(?<value>\d+(?:[,.]\d+)*(?: [GM]iB)?)")
            .Select(m => (m.Groups["setting"].Value, m.Groups["value"].Value)).ToList();

    /// <summary>Each stated default is the value of that setting in a new <paramref name="options"/> instance.</summary>
    public static void AreThoseOf(object options, IReadOnlyList<(string Setting, string Default)> stated, int atLeast)
    {
        Assert.True(stated.Count >= atLeast,
            $"README states {stated.Count} defaults of {options.GetType().Name}; expected {atLeast} or more");
        Assert.All(stated, row => Assert.Equal((row.Setting, Format(Value(options, row.Setting))), row));
    }

    /// <summary>The value of a setting ("Pairs:PositivesPerClass") of an options instance; a setting not set reads "none".</summary>
    public static object Value(object options, string setting) =>
        setting.Split(':').Aggregate(options, (owner, name) =>
            owner.GetType().GetProperty(name) is { } property ? property.GetValue(owner) ?? "none" : throw new InvalidOperationException(
                $"{owner.GetType().Name} has no setting {name} (README names {setting})"));

    /// <summary>How README writes a value: 1 GiB, 16 MiB, 200,000, 0.5, Rgb.</summary>
    public static string Format(object value) => value switch
    {
        int or long => FormatWhole(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string FormatWhole(long n) =>
        n > 0 && n % (1L << 30) == 0 ? $"{n >> 30} GiB"
        : n > 0 && n % (1L << 20) == 0 ? $"{n >> 20} MiB"
        : n >= 10_000 ? n.ToString("N0", CultureInfo.InvariantCulture)
        : n.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("`([^`<]+)`")]
    private static partial Regex Code();
}
