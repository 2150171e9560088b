using System.Text.RegularExpressions;
using Siamese.DevStorage;

namespace Siamese.Testing.Deployment;

/// <summary>
/// The app settings (or container environment) that a Bicep file of infra/ gives a host, read from the file itself:
/// each <c>{ name: 'X', value: expression }</c> entry, its expression replaced by a test value. A setting whose
/// expression has no test value fails the test, so a new setting in the Bicep cannot go unnoticed.
/// </summary>
public static partial class BicepSettings
{
    /// <param name="bicepFile">The file, relative to the repository root (e.g. infra/app/functions.bicep).</param>
    /// <param name="values">Test values by expression: a parameter name or a property path; quoted literals are kept.</param>
    public static Dictionary<string, string?> Read(string bicepFile, IReadOnlyDictionary<string, string> values)
    {
        string text = File.ReadAllText(Path.Combine(Repository.Root, bicepFile));
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (Match entry in Entry().Matches(text))
        {
            string name = entry.Groups["name"].Value, expression = entry.Groups["value"].Value.Trim();
            settings[name] = expression.StartsWith('\'')
                ? expression.Trim('\'')
                : values.TryGetValue(expression, out string? value)
                    ? value
                    : throw new InvalidOperationException($"{bicepFile} sets {name} to {expression}: give the test a value for it.");
        }
        return settings.Count > 0 ? settings : throw new InvalidOperationException($"{bicepFile} has no settings entries.");
    }

    [GeneratedRegex(@"\{\s*name:\s*'(?<name>[^']+)'\s*,\s*value:\s*(?<value>[^}]+?)\s*\}")]
    private static partial Regex Entry();
}
