using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Trainer.Jobs;

namespace Siamese.Trainer.Commands;

/// <summary>`watch`: the container job: consume training requests from the queue and train each dataset.</summary>
internal static class WatchCommand
{
    /// <summary>The sections whose settings are options of `watch`.</summary>
    public static IReadOnlyList<SettingSection> Settings => [SettingSection.Watch];

    public static Command Create(CommandContext context)
    {
        var settings = new SettingOptions(Settings);
        var command = new Command("watch", "Consume the training-requests queue (connection setting Storage): train each request's " +
                                           "recipe on its dataset, with checkpoints in models/, and serve the result if it beats the " +
                                           "served model.");
        settings.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, settings.Given(result), async (services, ct) =>
        {
            int handled = await services.GetRequiredService<TrainingRequestWatcher>().RunAsync(ct);
            await context.Output.WriteLineAsync($"Handled {handled} training request(s).");
            return 0;
        }, cancellationToken));
        return command;
    }
}
