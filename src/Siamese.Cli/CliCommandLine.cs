using System.CommandLine;
using Siamese.Cli.Commands;

namespace Siamese.Cli;

/// <summary>
/// The siamese tool: upload (and follow it to the served model) and status; compare, identify and gallery add through the
/// compare API; models (show, promote, rollback).
/// </summary>
public static class CliCommandLine
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand("Upload labelled images to the Siamese pipeline, watch them become the served model, and " +
                                   "compare, verify, identify and group images with it.")
        {
            UploadCommand.Create(context),
            StatusCommand.Create(context),
            CompareCommand.Create(context),
            VerifyCommand.Create(context),
            IdentifyCommand.Create(context),
            SimilarCommand.Create(context),
            GroupCommand.Create(context),
            new Command("gallery", "Identities and their reference images, for `verify`, `identify` and `similar`.")
            {
                GalleryAddCommand.Create(context), GalleryListCommand.Create(context), GalleryRemoveCommand.Create(context),
            },
            ModelsCommand.Create(context),
        };
        root.Options.Add(CliContext.StorageOption);
        root.Options.Add(CliContext.FunctionsOption);
        root.Options.Add(CliContext.KeyOption);
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
