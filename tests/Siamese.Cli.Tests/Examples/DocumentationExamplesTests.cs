using System.Diagnostics;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Siamese.DevStorage;
using Siamese.Storage;
using Siamese.Testing;
using Xunit.Abstractions;

namespace Siamese.Cli.Tests.Examples;

/// <summary>
/// Runs every shell block of README.md and docs/ that does not say why it is not run, in document order, against a
/// running stack (<see cref="ExamplesStack"/>): the walk-through's upload trains and is decided, its curl commands get
/// answers, the trainer's commands train and evaluate. A block fails the test when it exits non-zero (an HTTP error
/// status included).
/// </summary>
[Collection(ExamplesCollection.Name)]
public sealed class DocumentationExamplesTests(ExamplesStack stack, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(15);
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Every_shell_example_of_the_readme_and_docs_runs_against_the_stack_as_written()
    {
        using var timeout = new CancellationTokenSource(Bound);
        var failures = new List<string>();
        foreach (string document in Documentation.Documents)
        {
            CodeBlock[] examples = [.. Documentation.Blocks(document).Where(b => b is { IsShell: true, NotRun: null })];
            if (examples.Length == 0) continue;
            string folder = ExampleShell.CreateWorkingDirectory(temp.Combine(document.Replace('/', '-')), Repository.Root);
            var shell = new ExampleShell(folder, Environment());
            foreach (CodeBlock example in examples)
            {
                var clock = Stopwatch.StartNew();
                var (exitCode, text) = await shell.RunAsync(example, await ReplacementsAsync(example), timeout.Token);
                output.WriteLine($"== {example}: exit {exitCode} after {clock.Elapsed.TotalSeconds:F1} s\n{text}");
                if (exitCode != 0) failures.Add($"{example} exited {exitCode}:\n{Tail(text)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures) + $"\n\ntrainer:\n{Tail(stack.TrainerOutput)}");
    }

    public void Dispose() => temp.Dispose();

    private Dictionary<string, string> Environment() => new()
    {
        [StorageNames.Connection] = stack.Azurite.ConnectionString,
        ["SIAMESE_FUNCTIONS"] = stack.Http.BaseAddress!.ToString(),
        ["EXAMPLES_CLI"] = BuiltApps.CliDll,
        ["EXAMPLES_TRAINER"] = BuiltApps.TrainerDll,
    };

    /// <summary>The local functions' address becomes the stack's; a placeholder becomes what the reader would fill in.</summary>
    private async Task<Dictionary<string, string>> ReplacementsAsync(CodeBlock example)
    {
        string functions = stack.Http.BaseAddress!.ToString().TrimEnd('/');
        var replacements = new Dictionary<string, string>
        {
            ["http://127.0.0.1:7071"] = functions,
            ["http://localhost:7071"] = functions,
        };
        if (example.Text.Contains("<runId>", StringComparison.Ordinal)) replacements["<runId>"] = await LatestDecidedRunAsync();
        return replacements;
    }

    /// <summary>The run decided last (its promotion.json), as the reader would have it from the follow's output.</summary>
    private async Task<string> LatestDecidedRunAsync()
    {
        BlobContainerClient models = stack.Blobs.GetBlobContainerClient(StorageNames.ModelsContainer);
        var decisions = new List<BlobItem>();
        if (await models.ExistsAsync())
        {
            await foreach (BlobItem item in models.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, default))
                if (item.Name.EndsWith("/promotion.json", StringComparison.Ordinal)) decisions.Add(item);
        }
        BlobItem latest = decisions.MaxBy(d => d.Properties.LastModified)
                          ?? throw new InvalidOperationException("An example names <runId>, but no run has been decided before it.");
        return latest.Name[..latest.Name.IndexOf('/', StringComparison.Ordinal)];
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(40));
}
