using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Siamese.DevStorage;

namespace Siamese.AppHost.Tests;

/// <summary>docs/development.md's list of which project references which, held to the project files.</summary>
public partial class DevelopmentTests
{
    [Fact]
    public void The_layering_in_the_development_guide_is_the_projects_references()
    {
        string guide = File.ReadAllText(Path.Combine(Repository.Root, "docs", "development.md"));
        string block = ReferencesBlock().Match(guide) is { Success: true } match
            ? match.Groups["lines"].Value
            : throw new InvalidOperationException("docs/development.md has no block of project references.");
        var stated = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (string line in block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] sides = line.Split('→', StringSplitOptions.TrimEntries);
            string[] targets = sides[1] == "nothing of the product" ? [] : Names(sides[1]);
            foreach (string project in Names(sides[0])) stated.Add(project, targets);
        }

        var actual = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(csproj => Path.GetFileNameWithoutExtension(csproj), References, StringComparer.Ordinal);

        Assert.Equal(actual.Keys.Order(StringComparer.Ordinal), stated.Keys.Order(StringComparer.Ordinal));
        Assert.All(actual, project => Assert.Equal(project.Value, stated[project.Key].Order(StringComparer.Ordinal)));
    }

    /// <summary>The user's tool and the AppHost read JSON and blobs: LibTorch (444 MB of the tool's publish once) stays out.</summary>
    [Theory]
    [InlineData("Siamese.Cli")]
    [InlineData("Siamese.AppHost")]
    public void The_users_tool_and_the_apphost_restore_no_torch_package(string project)
    {
        string assets = Path.Combine(Repository.Root, "artifacts", "obj", project, "project.assets.json");
        Assert.True(File.Exists(assets), $"{assets} is missing: restore the solution first.");
        using JsonDocument restored = JsonDocument.Parse(File.ReadAllBytes(assets));

        var packages = restored.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name).ToList();

        Assert.Contains(packages, name => name.StartsWith("Azure.Storage.Blobs/", StringComparison.Ordinal));
        Assert.DoesNotContain(packages, name => name.Contains("torch", StringComparison.OrdinalIgnoreCase));
    }

    private static string[] Names(string list) => list.Split(',', StringSplitOptions.TrimEntries);

    private static string[] References(string csproj) => XDocument.Load(csproj).Descendants("ProjectReference")
        .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
        .Order(StringComparer.Ordinal)
        .ToArray();

    [GeneratedRegex(@"<!-- not run: the project references[^>]*-->\s*```\s*\n(?<lines>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReferencesBlock();
}
