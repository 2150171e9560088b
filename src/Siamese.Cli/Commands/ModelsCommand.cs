using System.CommandLine;
using Siamese.Cli.Printing;
using Siamese.Storage;
using Siamese.Storage.Promotion;

namespace Siamese.Cli.Commands;

/// <summary>
/// `models`: the model the compare API serves now and why, and the champions before it (models/served.json); with
/// `promote` and `rollback`, moves it.
/// </summary>
/// <remarks>
/// Promote and roll-back go through storage (<see cref="ServedModels"/>, the logic the trainer and the admin routes
/// share), not the admin HTTP routes: the tool already needs the storage account for upload and status, the admin
/// key would be one more secret to hand out, and every serving instance (not only the one an HTTP call reaches)
/// picks the pointer up within Serving:ReloadIntervalSeconds.
/// </remarks>
internal static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var models = new Command("models", "Show the model the compare API serves and why, and the models served before it; " +
                                           "promote a run's checkpoint or roll back.")
        {
            Show(context), ModelsPromoteCommand.Create(context), ModelsRollbackCommand.Create(context),
        };
        models.SetAction((result, cancellationToken) => ShowAsync(context, result, cancellationToken));
        return models;
    }

    private static Command Show(CliContext context)
    {
        var show = new Command("show", "The same as `models` alone: the served model, why, and the models served before it.");
        show.SetAction((result, cancellationToken) => ShowAsync(context, result, cancellationToken));
        return show;
    }

    private static Task<int> ShowAsync(CliContext context, ParseResult result, CancellationToken cancellationToken) =>
        context.RunAsync(async ct =>
        {
            using StorageServices storage = context.Storage(result);
            ServedModelPointer? served = await storage.ServedModels.ReadAsync(ModelName.Default, ct);
            await context.Output.WriteLineAsync(ModelNames.NowAnswering(served));
            if (served is null) return 0;
            await context.Output.WriteLineAsync($"  since {served.UpdatedUtc:u}" +
                                                (served.Scores is { } scores ? $"; challenge: {scores.Comparison}" : ""));
            var earlier = History(served).Skip(1).ToList();
            await context.Output.WriteLineAsync(earlier.Count == 0 ? "served before: nothing" : "served before (newest first):");
            foreach (ServedModelPointer pointer in earlier)
                await context.Output.WriteLineAsync($"  {pointer.UpdatedUtc:u}  {ModelNames.Of(pointer)}: {pointer.Reason}");
            return 0;
        }, cancellationToken);

    /// <summary>The pointer and the ones it keeps for roll-back, newest first.</summary>
    private static IEnumerable<ServedModelPointer> History(ServedModelPointer served)
    {
        for (ServedModelPointer? pointer = served; pointer is not null; pointer = pointer.Previous) yield return pointer;
    }
}
