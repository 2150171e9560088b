using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Siamese.Cli.Tests.Examples;

/// <summary>
/// Runs a documentation block in bash as a reader would type it, in a working folder that looks like the repository
/// (data/ and src/ linked in, runs/ its own), against the stack the test gives: `dotnet run --project src/…` runs the
/// build the tests already made of that project instead of building it again, curl fails on an HTTP error status, the
/// local functions' URL becomes the stack's, and placeholders such as &lt;runId&gt; become the stack's values.
/// </summary>
public sealed partial class ExampleShell(string workingDirectory, IReadOnlyDictionary<string, string> environment)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    private const string Prelude = """
        set -euo pipefail
        # `dotnet run --project <project> [-c <configuration>] -- <args>`: the build the tests made of that project.
        dotnet() {
          if [[ "${1:-}" != run ]]; then command dotnet "$@"; return; fi
          shift
          local project=""
          while [[ $# -gt 0 && "$1" != -- ]]; do
            case "$1" in
              --project) project="$2"; shift 2 ;;
              -c|--configuration) shift 2 ;;
              *) echo "examples: dotnet run $1 is not supported here" >&2; return 64 ;;
            esac
          done
          [[ "${1:-}" == -- ]] && shift
          case "${project%/}" in
            src/Siamese.Cli) command dotnet "$EXAMPLES_CLI" "$@" ;;
            src/Siamese.Trainer) command dotnet "$EXAMPLES_TRAINER" "$@" ;;
            *) echo "examples: no build of $project here; mark the block <!-- not run: why -->" >&2; return 64 ;;
          esac
        }
        curl() { command curl --fail-with-body --show-error "$@"; }

        """;

    /// <summary>The folder a block runs in, like the repository's root: data/ and src/ are the repository's.</summary>
    public static string CreateWorkingDirectory(string parent, string repositoryRoot)
    {
        Directory.CreateDirectory(parent);
        foreach (string shared in new[] { "data", "src" })
            Directory.CreateSymbolicLink(Path.Combine(parent, shared), Path.Combine(repositoryRoot, shared));
        return parent;
    }

    /// <param name="replacements">Text to replace before the block runs: the local URL, placeholders.</param>
    public async Task<(int ExitCode, string Output)> RunAsync(CodeBlock block, IReadOnlyDictionary<string, string> replacements,
        CancellationToken cancellationToken)
    {
        string script = replacements.Aggregate(block.Text, (text, r) => text.Replace(r.Key, r.Value, StringComparison.Ordinal));
        if (Placeholder().Match(script) is { Success: true } unknown)
            return (-1, $"{block}: the test has no value for the placeholder {unknown.Value}");

        string path = Path.Combine(workingDirectory, $".example-{block.Line}.sh");
        await File.WriteAllTextAsync(path, Prelude + script + "\n", cancellationToken);
        var start = new ProcessStartInfo("bash", [path])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{block} did not finish within {Bound}:\n{output}");
        }
        process.WaitForExit(); // the end of its output
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>A word or words in angle brackets, as &lt;runId&gt;: what the reader fills in.</summary>
    [GeneratedRegex(@"<[A-Za-z][\w ]*>")]
    private static partial Regex Placeholder();
}
