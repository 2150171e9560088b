using Siamese.DevStorage;

namespace Siamese.Cli.Tests.Examples;

/// <summary>README.md, then the pages of docs/ in name order: the documents whose code blocks are examples.</summary>
public static class Documentation
{
    public static IEnumerable<string> Documents =>
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md")
            .Select(path => "docs/" + Path.GetFileName(path)).Order(StringComparer.Ordinal));

    public static IReadOnlyList<CodeBlock> Blocks(string document) =>
        DocumentationCodeBlocks.Read(Path.Combine(Repository.Root, document), document);
}
