using System.CommandLine;
using Siamese.Cli.Printing;
using Siamese.Storage;
using Siamese.Storage.Promotion;

namespace Siamese.Cli.Commands;

/// <summary>
/// `models promote &lt;runId&gt; [--model &lt;name&gt;]`: serve a run's checkpoint under a name from now on, whatever its
/// score (see ModelsCommand).
/// </summary>
internal static class ModelsPromoteCommand
{
    public static Command Create(CliContext context)
    {
        var run = new Argument<string>("runId") { Description = ManualPromotion.RunDescription };
        var checkpoint = new Option<string?>("--checkpoint") { Description = ManualPromotion.CheckpointDescription };
        var reason = new Option<string>("--reason")
        {
            Description = ManualPromotion.ReasonDescription,
            DefaultValueFactory = _ => ManualPromotion.PromotedBy(ManualPromotion.SiameseTool),
        };
        var model = ModelOption.Create("to serve it under; only this name's answers change");
        var promote = new Command("promote", ManualPromotion.PromoteSummary)
        {
            run, checkpoint, reason, model,
        };
        promote.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string name = ModelOption.Read(result, model);
            using StorageServices storage = context.Storage(result);
            ServedModelPointer served = await storage.ServedModels.PromoteRunAsync(name, result.GetValue(run)!,
                result.GetValue(checkpoint), result.GetValue(reason)!, ct);
            await context.Output.WriteLineAsync(ModelNames.NowAnswering(name, served));
            await context.Output.WriteLineAsync(ModelNames.ReloadNotice);
            return 0;
        }, cancellationToken));
        return promote;
    }
}
