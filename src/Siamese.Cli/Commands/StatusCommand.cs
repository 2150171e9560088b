using System.CommandLine;
using Siamese.Cli.Connections;
using Siamese.Cli.Following;

namespace Siamese.Cli.Commands;

/// <summary>`status &lt;dataset&gt;`: one look at a dataset, its training run and the model that answers now.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var dataset = new Argument<string>("dataset") { Description = "The dataset id (the first 16 hex digits of the zip's SHA-256)" };
        var follow = new Option<bool>("--follow") { Description = "Keep watching until the dataset fails or its run is decided" };
        var command = new Command("status", "Show a dataset's state, its training run and the model that answers now.")
        {
            dataset, follow,
        };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            using CliStorage storage = context.Storage(result);
            var follower = new UploadFollower(storage, context.Output);
            string id = result.GetValue(dataset)!;
            return result.GetValue(follow) ? await follower.FollowAsync(id, ct) : await follower.ShowOnceAsync(id, ct);
        }, cancellationToken));
        return command;
    }
}
