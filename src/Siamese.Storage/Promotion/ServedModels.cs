using Microsoft.Extensions.Logging;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Datasets;

namespace Siamese.Storage.Promotion;

/// <summary>
/// Moves models/served.json, the pointer the compare API follows: promotion of a checkpoint (by a won challenge or
/// by an operator) and roll-back to the model served before. Every move is logged and records its reason; concurrent
/// moves do not lose each other (optimistic concurrency on the pointer).
/// </summary>
public sealed partial class ServedModels(
    BlobCheckpointStore store,
    ResilientStorage documents,
    TimeProvider time,
    ILogger<ServedModels> logger)
{
    private Azure.Storage.Blobs.BlobClient Pointer => store.Models.GetBlobClient(ModelPaths.Served);

    /// <summary>The pointer, or null while nothing was ever promoted (the default model answers).</summary>
    public async Task<ServedModelPointer?> ReadAsync(CancellationToken cancellationToken) =>
        (await documents.ReadAsync(Pointer, StorageJson.Default.ServedModelPointer, cancellationToken))?.Value;

    /// <summary>Serves a complete checkpoint folder from now on.</summary>
    public async Task<ServedModelPointer> PromoteAsync(
        string checkpointFolder,
        CheckpointMetadata metadata,
        string reason,
        ChallengeScores? scores,
        CancellationToken cancellationToken)
    {
        await documents.RunAsync(async ct => { await store.Models.CreateIfNotExistsAsync(cancellationToken: ct); }, cancellationToken);
        ServedModelPointer next = (await documents.UpdateAsync(Pointer, current =>
            new ServedModelPointer(checkpointFolder, metadata.RunId, metadata.Epoch, reason, time.GetUtcNow())
            {
                Scores = scores,
                Previous = current?.Trimmed(),
            }, StorageJson.Default.ServedModelPointer, cancellationToken))!;
        LogPromoted(checkpointFolder, reason);
        return next;
    }

    /// <summary>An operator's promotion: a run's best checkpoint (else its latest), or the named checkpoint of the run.</summary>
    public async Task<ServedModelPointer> PromoteRunAsync(
        string runId,
        string? checkpoint,
        string reason,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(runId) || runId.Contains('/') || runId.Contains("..")
            || checkpoint is not null && (checkpoint.Contains('/') || checkpoint.Contains("..")))
            throw new InvalidInputException("models.invalid-name",
                $"'{runId}{(checkpoint is null ? "" : "/" + checkpoint)}' is not a run id (and checkpoint name).");
        string folder = await store.FindCheckpointAsync(runId, checkpoint, cancellationToken)
                        ?? throw new MissingInputException("models.not-found",
                            $"Run {runId} has no complete checkpoint{(checkpoint is null ? "" : " " + checkpoint)} " +
                            $"to promote (models/{runId}/).");
        CheckpointMetadata metadata = (await store.ReadMetadataAsync(folder, cancellationToken))!;
        return await PromoteAsync(folder, metadata, reason, scores: null, cancellationToken);
    }

    /// <summary>Serves the model that was served before the current one (the default model when there was none).</summary>
    public async Task<ServedModelPointer> RollBackAsync(string reason, CancellationToken cancellationToken)
    {
        ServedModelPointer? from = null;
        ServedModelPointer next = (await documents.UpdateAsync(Pointer, current =>
        {
            if (current is null || current.IsDefault && current.Previous is null)
                throw new InvalidInputException("models.nothing-to-roll-back",
                    "The default model answers and nothing was served before it: there is nothing to roll back to.");
            from = current;
            ServedModelPointer back = current.Previous
                ?? new ServedModelPointer(ServedModelPointer.DefaultModel, ServedModelPointer.DefaultModel, 0, "", time.GetUtcNow());
            return back with { Reason = $"rolled back from {current.Checkpoint}: {reason}", UpdatedUtc = time.GetUtcNow() };
        }, StorageJson.Default.ServedModelPointer, cancellationToken))!;
        LogRolledBack(from!.Checkpoint, next.Checkpoint, reason);
        return next;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Checkpoint} from now on: {Reason}")]
    private partial void LogPromoted(string checkpoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rolled back from {From} to {To}: {Reason}")]
    private partial void LogRolledBack(string from, string to, string reason);
}
