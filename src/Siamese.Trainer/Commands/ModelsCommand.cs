using Siamese.Storage;
using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Storage.Datasets;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Trainer.Commands;

/// <summary>
/// `models`: the operator's view of which model the compare API serves (models/served.json): show it, promote a run's
/// checkpoint, or roll back to the model served before. Every move is logged with its reason.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create(CommandContext context)
    {
        var show = new Command("show",
            "Print models/served.json: the model the compare API answers with, why, and the models served before it.");
        show.SetAction((result, cancellationToken) =>
            RunAsync(context, async (served, ct) => await served.ReadAsync(ct), cancellationToken));

        var run = new Option<string>("--run") { Description = "The run id (models/{runId}/)", Required = true };
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "A checkpoint of the run, e.g. epoch-0003 (default: the run's best, else its latest)",
        };
        var reason = new Option<string?>("--reason")
        {
            Description = "Why, for the record (default: \"promoted by an operator\" / \"rolled back by an operator\")",
        };
        var promote = new Command("promote",
            "Serve a run's checkpoint from now on, whatever its score (the previous model can be rolled back to).")
        {
            run, checkpoint, reason,
        };
        promote.SetAction((result, cancellationToken) => RunAsync(context, async (served, ct) =>
            await served.PromoteRunAsync(result.GetValue(run)!, result.GetValue(checkpoint),
                result.GetValue(reason) ?? "promoted by an operator", ct), cancellationToken));

        var rollback = new Command("rollback",
            "Serve the model that was served before the current one (the default model if there was none).")
        {
            reason,
        };
        rollback.SetAction((result, cancellationToken) => RunAsync(context, async (served, ct) =>
            await served.RollBackAsync(result.GetValue(reason) ?? "rolled back by an operator", ct), cancellationToken));

        var exportRun = new Option<string>("--run") { Description = "The run id (models/{runId}/)", Required = true };
        var exportCheckpoint = new Option<string?>("--checkpoint")
        {
            Description = "A checkpoint of the run, e.g. epoch-0003 (default: the run's best, else its latest)",
        };
        var outDir = new Option<string>("--out")
        {
            Description = "A new local folder for the checkpoint (then: evaluate --checkpoint <folder>)", Required = true,
        };
        var export = new Command("export", "Download a run's checkpoint into a local folder, to evaluate or predict with it.")
        {
            exportRun, exportCheckpoint, outDir,
        };
        export.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, new Dictionary<string, string?>(),
            (services, ct) => ExportAsync(services, result.GetValue(exportRun)!, result.GetValue(exportCheckpoint),
                result.GetValue(outDir)!, context.Output, ct),
            cancellationToken));

        return new Command("models",
            "Which model the compare API serves (connection setting Storage): show, promote, rollback; export a run's checkpoint.")
        {
            show, promote, rollback, export,
        };
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string runId, string? checkpointName, string target,
        TextWriter output, CancellationToken cancellationToken)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new InvalidInputException("out.not-empty",
                $"'{target}' is not empty; give a new --out folder so nothing is overwritten.");
        BlobCheckpointStore store = services.GetRequiredService<BlobCheckpointStore>();
        string folder = await store.FindCheckpointAsync(runId, checkpointName, cancellationToken)
                        ?? throw new MissingInputException("models.not-found",
                            $"Run {runId} has no such complete checkpoint (models/{runId}/).");
        StoredCheckpoint checkpoint = await store.LoadAsync(folder, expected: null, cancellationToken);
        using (checkpoint.Network)
            await LocalCheckpointStore.SaveAsync(target, checkpoint.Network, checkpoint.Metadata, isBest: true, checkpoint.OptimizerState,
                cancellationToken: cancellationToken);
        await output.WriteLineAsync($"models/{folder} → {Path.GetFullPath(target)}");
        return 0;
    }

    private static Task<int> RunAsync(CommandContext context, Func<ServedModels, CancellationToken, Task<ServedModelPointer?>> action,
        CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(context, new Dictionary<string, string?>(), async (services, ct) =>
        {
            ServedModelPointer? pointer = await action(services.GetRequiredService<ServedModels>(), ct);
            await context.Output.WriteLineAsync(pointer is null
                ? "The default model answers (nothing was ever promoted)."
                : JsonSerializer.Serialize(pointer, StorageJson.Default.ServedModelPointer));
            return 0;
        }, cancellationToken);
}
