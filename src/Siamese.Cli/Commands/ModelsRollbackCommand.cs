using System.CommandLine;
using Siamese.Cli.Printing;
using Siamese.Storage;
using Siamese.Storage.Promotion;

namespace Siamese.Cli.Commands;

/// <summary>`models rollback [--model &lt;name&gt;]`: serve the model a name served before its current one (see ModelsCommand).</summary>
internal static class ModelsRollbackCommand
{
    public static Command Create(CliContext context)
    {
        var reason = new Option<string>("--reason")
        {
            Description = ManualPromotion.ReasonDescription,
            DefaultValueFactory = _ => ManualPromotion.RolledBackBy(ManualPromotion.SiameseTool),
        };
        var model = ModelOption.Create("to roll back; the other names are left as they are");
        var rollback = new Command("rollback", ManualPromotion.RollBackSummary)
        {
            reason, model,
        };
        rollback.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string name = ModelOption.Read(result, model);
            using StorageServices storage = context.Storage(result);
            ServedModelPointer served = await storage.ServedModels.RollBackAsync(name, result.GetValue(reason)!, ct);
            await context.Output.WriteLineAsync(ModelNames.NowAnswering(name, served));
            await context.Output.WriteLineAsync(ModelNames.ReloadNotice);
            return 0;
        }, cancellationToken));
        return rollback;
    }
}
