using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Storage;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;

namespace Siamese.Trainer.Commands;

/// <summary>
/// `models`: the operator's view of which model the compare API serves under a model name (--model, default `default`): show
/// it, promote a run's checkpoint, or roll back to the model served before. Every move is logged with its reason.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create(CommandContext context) =>
        new("models", "Which model the compare API serves (connection setting Storage): show, promote, rollback; " +
                      "export a run's checkpoint.")
        {
            Show(context), Promote(context), RollBack(context), Export(context),
        };

    private static Command Show(CommandContext context)
    {
        var model = ModelOption();
        var show = new Command("show", "Print a model name's served pointer: the model the compare API answers with, why, and the " +
                                       "models served before it.")
        {
            model,
        };
        show.SetAction((result, cancellationToken) => RunAsync(context, async (served, ct) =>
            await served.ReadAsync(result.GetRequiredValue(model), ct), cancellationToken));
        return show;
    }

    private static Command Promote(CommandContext context)
    {
        var (model, run, checkpoint, reason) = (ModelOption(), RunOption(), CheckpointOption(), ReasonOption("promoted by an operator"));
        var promote = new Command("promote", "Serve a run's checkpoint from now on, whatever its score (the previous model can be " +
                                             "rolled back to).")
        {
            model, run, checkpoint, reason,
        };
        promote.SetAction((result, cancellationToken) => RunAsync(context, async (served, ct) =>
            await served.PromoteRunAsync(result.GetRequiredValue(model), result.GetRequiredValue(run), result.GetValue(checkpoint),
                result.GetRequiredValue(reason), ct),
            cancellationToken));
        return promote;
    }

    private static Command RollBack(CommandContext context)
    {
        var (model, reason) = (ModelOption(), ReasonOption("rolled back by an operator"));
        var rollback = new Command("rollback", "Serve the model that was served before the current one (the default model if there " +
                                               "was none).")
        {
            model, reason,
        };
        rollback.SetAction((result, cancellationToken) => RunAsync(context, async (served, ct) =>
            await served.RollBackAsync(result.GetRequiredValue(model), result.GetRequiredValue(reason), ct), cancellationToken));
        return rollback;
    }

    private static Command Export(CommandContext context)
    {
        var (run, checkpoint) = (RunOption(), CheckpointOption());
        var outDir = new Option<string>("--out")
        {
            Description = "A new local folder for the checkpoint (then: evaluate --checkpoint <folder>)",
            Required = true,
        };
        var export = new Command("export", "Download a run's checkpoint into a local folder, to evaluate or predict with it.")
        {
            run, checkpoint, outDir,
        };
        export.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, async (services, ct) =>
        {
            string runId = result.GetRequiredValue(run), target = result.GetRequiredValue(outDir);
            if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
                throw new InvalidInputException("out.not-empty",
                    $"'{target}' is not empty; give a new --out folder so nothing is overwritten.");
            BlobCheckpointStore store = services.GetRequiredService<BlobCheckpointStore>();
            string folder = await store.FindCheckpointAsync(runId, result.GetValue(checkpoint), ct)
                            ?? throw new MissingInputException("models.not-found",
                                $"Run {runId} has no such complete checkpoint (models/{runId}/).");
            StoredCheckpoint stored = (await store.LoadAsync(folder, ct)).Rebuild();
            using (stored.Network)
                await LocalCheckpointStore.SaveAsync(target, stored.Network, stored.Metadata, isBest: true, stored.OptimizerState,
                    cancellationToken: ct);
            await context.Output.WriteLineAsync($"models/{folder} → {Path.GetFullPath(target)}");
            return 0;
        }, cancellationToken));
        return export;
    }

    private static Option<string> ModelOption() => new("--model")
    {
        Description = "The model name (default: default, the name every call that names none gets)",
        DefaultValueFactory = _ => ModelName.Default,
    };

    private static Option<string> RunOption() => new("--run") { Description = "The run id (models/{runId}/)", Required = true };

    private static Option<string?> CheckpointOption() => new("--checkpoint")
    {
        Description = "A checkpoint of the run, e.g. epoch-0003 (default: the run's best, else its latest)",
    };

    private static Option<string> ReasonOption(string byDefault) => new("--reason")
    {
        Description = "Why, for the record",
        DefaultValueFactory = _ => byDefault,
    };

    private static Task<int> RunAsync(CommandContext context, Func<ServedModels, CancellationToken, Task<ServedModelPointer?>> action,
        CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(context, async (services, ct) =>
        {
            ServedModelPointer? pointer = await action(services.GetRequiredService<ServedModels>(), ct);
            await context.Output.WriteLineAsync(pointer is null
                ? "Nothing was ever promoted under this name (for default: the default model answers)."
                : JsonSerializer.Serialize(pointer, StorageJson.Default.ServedModelPointer));
            return 0;
        }, cancellationToken);
}
