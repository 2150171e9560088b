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
        var run = new Argument<string>("runId") { Description = "The run (models/{runId}/), as `upload --follow` and `status` name it" };
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "A checkpoint of the run, e.g. epoch-0003 (default: the run's best, else its latest)",
        };
        var reason = new Option<string>("--reason")
        {
            Description = "Why, for the record",
            DefaultValueFactory = _ => "promoted by an operator (siamese tool)",
        };
        var model = ModelOption.Create("to serve it under; only this name's answers change");
        var promote = new Command("promote", "Serve a run's checkpoint under a model name from now on, whatever its score; " +
                                             "`models rollback` undoes it.")
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
