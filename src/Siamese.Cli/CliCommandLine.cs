using System.CommandLine;
using Siamese.Cli.Commands;

namespace Siamese.Cli;

/// <summary>The siamese tool: upload (and follow it to the served model) and status.</summary>
public static class CliCommandLine
{
    /// <summary>The exit code of bad input (a missing file, an unknown recipe, no storage to talk to).</summary>
    public const int InvalidInput = 2;

    /// <summary>The exit code when a dataset or its training run failed.</summary>
    public const int Failed = 1;

    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand("Upload labelled images to the Siamese pipeline and watch them become the served model.")
        {
            UploadCommand.Create(context),
            StatusCommand.Create(context),
        };
        root.Options.Add(CliContext.StorageOption);
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
