using System.CommandLine;
using Siamese.Cli.Following;
using Siamese.Storage;
using Siamese.Storage.Checkpoints;

namespace Siamese.Cli.Commands;

/// <summary>
/// `status [&lt;dataset or run&gt;]`: the datasets in storage, or one look at a dataset (or a run of it), its training
/// and the model that answers now.
/// </summary>
internal static class StatusCommand
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
            string? runOf = StorageRunIds.DatasetOf(id);
            return result.GetValue(follow)
                ? await follower.FollowAsync(runOf ?? id, model: null, ct)
                : await follower.ShowOnceAsync(runOf ?? id, ct, runId: runOf is null ? null : id);
        }, cancellationToken));
        return command;
    }
}
