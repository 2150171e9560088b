using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Trainer.Commands;

/// <summary>
/// `models export`: a run's checkpoint from the models container into a local folder, to evaluate or predict with it. Which
/// model a name serves is shown, promoted and rolled back by the siamese tool (users) or the dashboard and the admin routes
/// (operators), not here.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create(CommandContext context) =>
        new("models", "A run's checkpoints in storage (connection setting Storage): export one to a local folder.")
        {
            Export(context),
        };

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

    private static Option<string> RunOption() => new("--run") { Description = ManualPromotion.RunDescription, Required = true };

    private static Option<string?> CheckpointOption() => new("--checkpoint") { Description = ManualPromotion.CheckpointDescription };
}
