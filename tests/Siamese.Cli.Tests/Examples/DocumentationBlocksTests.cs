namespace Siamese.Cli.Tests.Examples;

/// <summary>
/// Every code block of README.md and docs/ is a shell example (run by <see cref="DocumentationExamplesTests"/>) or says
/// why it is not run.
/// </summary>
public sealed class DocumentationBlocksTests
{
    [Fact]
    public void Every_code_block_is_run_by_the_examples_test_or_says_why_not()
    {
        CodeBlock[] blocks = [.. Documentation.Documents.SelectMany(Documentation.Blocks)];

        string[] silent = [.. blocks.Where(b => !b.IsShell && b.NotRun is null).Select(b => b.ToString())];

        Assert.True(silent.Length == 0,
            "These blocks are not shell examples and do not say why they are not run (a line `<!-- not run: why -->` just above " +
            "the fence):\n" + string.Join('\n', silent));
        Assert.Contains(blocks, b => b is { Document: "README.md", IsShell: true, NotRun: null });
    }

    [Fact]
    public void A_block_marked_not_run_is_read_with_its_reason_and_an_unmarked_one_without()
    {
        using var temp = new Siamese.Testing.TempDirectory();
        string page = Path.Combine(temp.Path, "page.md");
        File.WriteAllText(page, """
            Text.

            <!-- not run: needs an Azure subscription -->
            ```bash
            azd up
            ```

            1. A step:

               ```bash
               echo indented
               ```
            """);

        IReadOnlyList<CodeBlock> blocks = DocumentationCodeBlocks.Read(page, "page.md");

        Assert.Equal(2, blocks.Count);
        Assert.Equal(("needs an Azure subscription", "azd up", 4), (blocks[0].NotRun, blocks[0].Text, blocks[0].Line));
        Assert.Equal((null, "echo indented", true), (blocks[1].NotRun, blocks[1].Text, blocks[1].IsShell));
    }
}
