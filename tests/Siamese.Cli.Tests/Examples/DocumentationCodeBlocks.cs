using System.Text.RegularExpressions;

namespace Siamese.Cli.Tests.Examples;

/// <summary>A fenced code block of README.md or a page of docs/, and why it is not run, if it says so.</summary>
/// <param name="NotRun">The reason given by a <c>&lt;!-- not run: … --&gt;</c> line just above the fence, or null.</param>
public sealed record CodeBlock(string Document, int Line, string Language, string Text, string? NotRun)
{
    /// <summary>Shell blocks are run; every other block (output, JSON, a listing) must say why it is not.</summary>
    public bool IsShell => Language is "bash" or "sh" or "shell";

    public override string ToString() => $"{Document}:{Line} ({(Language.Length == 0 ? "no language" : Language)})";
}

/// <summary>Reads the fenced code blocks of a Markdown page, with the marker that says a block is not run.</summary>
public static partial class DocumentationCodeBlocks
{
    public static IReadOnlyList<CodeBlock> Read(string path, string document)
    {
        string[] lines = File.ReadAllLines(path);
        var blocks = new List<CodeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match open = Fence().Match(lines[i]);
            if (!open.Success) continue;
            string indent = open.Groups["indent"].Value;
            int close = Array.FindIndex(lines, i + 1, line => line.TrimStart() == "```");
            if (close < 0) throw new InvalidDataException($"{document}:{i + 1}: the code block is never closed");
            string text = string.Join('\n', lines[(i + 1)..close].Select(line => line.StartsWith(indent, StringComparison.Ordinal)
                ? line[indent.Length..]
                : line));
            blocks.Add(new CodeBlock(document, i + 1, open.Groups["language"].Value, text, NotRunReason(lines, i)));
            i = close;
        }
        return blocks;
    }

    /// <summary>The reason on the nearest non-blank line above the fence, if that line is the marker.</summary>
    private static string? NotRunReason(string[] lines, int fence)
    {
        int above = fence - 1;
        while (above >= 0 && string.IsNullOrWhiteSpace(lines[above])) above--;
        if (above < 0) return null;
        Match marker = NotRunMarker().Match(lines[above]);
        return marker.Success ? marker.Groups["reason"].Value.Trim() : null;
    }

    [GeneratedRegex(@"^(?<indent>\s*)```(?<language>[\w-]*)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*<!-- not run: (?<reason>.+?) -->\s*$")]
    private static partial Regex NotRunMarker();
}
