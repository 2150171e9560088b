using System.CommandLine;
using System.Text.RegularExpressions;
using Siamese.Cli.Following;
using Siamese.Storage;

namespace Siamese.Cli.Commands;

/// <summary>
/// `status [&lt;dataset or run&gt;]`: the datasets in storage, or one look at a dataset (or a run of it), its training
/// and the model that answers now.
/// </summary>
internal static partial class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string?>("dataset-or-run")
        {
            Description = "A dataset id (the first 16 hex digits of the zip's SHA-256) or a run id (the dataset's id, a dash and " +
                          "the recipe's); without it, the datasets in storage",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var follow = new Option<bool>("--follow") { Description = "Keep watching until the dataset fails or its run is decided" };
        var command = new Command("status", "List the datasets, or show a dataset's state, its training run and the model that " +
                                            "answers now.")
        {
            target, follow,
        };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            using StorageServices storage = context.Storage(result);
            if (result.GetValue(target) is not { } id) return await new DatasetList(storage, context.Output).ShowAsync(ct);

            var follower = new UploadFollower(storage, context.Output);
            string? runId = RunId().IsMatch(id) ? id : null;
            string datasetId = runId is null ? id : id[..id.IndexOf('-', StringComparison.Ordinal)];
            return result.GetValue(follow)
                ? await follower.FollowAsync(datasetId, ct)
                : await follower.ShowOnceAsync(datasetId, ct, runId);
        }, cancellationToken));
        return command;
    }

    /// <summary>A run id: the dataset's id, a dash, and the recipe's fingerprint.</summary>
    [GeneratedRegex("^[0-9a-f]{16}-[0-9a-z]+$")]
    private static partial Regex RunId();
}
