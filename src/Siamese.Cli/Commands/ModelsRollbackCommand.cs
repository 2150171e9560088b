using System.CommandLine;
using Siamese.Cli.Printing;
using Siamese.Storage;
using Siamese.Storage.Promotion;

namespace Siamese.Cli.Commands;

/// <summary>`models rollback`: serve the model served before the current one (see ModelsCommand).</summary>
internal static class ModelsRollbackCommand
{
    public static Command Create(CliContext context)
    {
        var reason = new Option<string>("--reason")
        {
            Description = "Why, for the record",
            DefaultValueFactory = _ => "rolled back by an operator (siamese tool)",
        };
        var rollback = new Command("rollback", "Serve the model served before the current one (the default model if there was none).")
        {
            reason,
        };
        rollback.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            using StorageServices storage = context.Storage(result);
            ServedModelPointer served = await storage.ServedModels.RollBackAsync(ModelName.Default, result.GetValue(reason)!, ct);
            await context.Output.WriteLineAsync(ModelNames.NowAnswering(served));
            await context.Output.WriteLineAsync(ModelNames.ReloadNotice);
            return 0;
        }, cancellationToken));
        return rollback;
    }
}
