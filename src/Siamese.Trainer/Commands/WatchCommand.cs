using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Trainer.Jobs;

namespace Siamese.Trainer.Commands;

/// <summary>`watch`: the container job: consume training requests from the queue and train each dataset.</summary>
internal static class WatchCommand
{
    public static Command Create(CommandContext context)
    {
        var maxRequests = new Option<int?>("--max-requests") { Description = "Stop after handling this many requests (default: run until stopped)" };
        var command = new Command("watch", "Consume the training-requests queue (connection setting Storage): train each request's recipe on its dataset, with checkpoints in models/, and serve the result if it beats the served model.")
        {
            maxRequests,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            overrides.Set("Watch:MaxRequests", result.GetValue(maxRequests));
            return CommandRunner.RunAsync(context, overrides, async (services, ct) =>
            {
                int handled = await services.GetRequiredService<TrainingRequestWatcher>().RunAsync(ct);
                await context.Output.WriteLineAsync($"Handled {handled} training request(s).");
                return 0;
            }, cancellationToken);
        });
        return command;
    }
}
