using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Storage.Checkpoints;

namespace Siamese.Storage.Promotion;

/// <summary>A model name and what it serves (null: the default model shipped with the app, which only `default` has).</summary>
public sealed record NamedModel(string Model, ServedModelPointer? Pointer);

/// <summary>
/// Moves the served pointers, one per model name, that the compare API follows: promotion of a checkpoint (by a won
/// challenge or by an operator) and roll-back to the model served before. Every move is logged and records its reason;
/// concurrent moves do not lose each other (optimistic concurrency on the pointer). A name other than `default` exists
/// once a model was promoted for it; `default` always exists (the shipped model serves it until a promotion).
/// </summary>
public sealed partial class ServedModels(
    BlobCheckpointStore store,
    ResilientStorage storage,
    TimeProvider time,
    ILogger<ServedModels> logger)
{
    private Azure.Storage.Blobs.BlobClient Pointer(string model) => store.Models.GetBlobClient(ModelPaths.Served(ModelName.Check(model)));

    /// <summary>The name's pointer, or null while nothing was ever promoted for it (for `default`: the default model answers).</summary>
    public async Task<ServedModelPointer?> ReadAsync(string model, CancellationToken cancellationToken) =>
        (await storage.ReadAsync(Pointer(model), StorageJson.Default.ServedModelPointer, cancellationToken))?.Value is { } pointer
            ? pointer with { Model = model }
            : null;

    /// <summary>Every name that serves something, `default` first, then the others by name.</summary>
    public async Task<IReadOnlyList<NamedModel>> ListAsync(CancellationToken cancellationToken)
    {
        var names = await storage.RunAsync(async ct =>
        {
            var found = new List<string>();
            if (!await store.Models.ExistsAsync(ct)) return found;
            await foreach (BlobItem blob in store.Models.GetBlobsAsync(BlobTraits.None, BlobStates.None, ModelPaths.ServedFolder, ct))
                if (ModelPaths.ServedModelOf(blob.Name) is { } name && name != ModelName.Default) found.Add(name);
            return found;
        }, cancellationToken);
        var models = new List<NamedModel> { new(ModelName.Default, await ReadAsync(ModelName.Default, cancellationToken)) };
        foreach (string name in names.Order(StringComparer.Ordinal))
            if (await ReadAsync(name, cancellationToken) is { } pointer) models.Add(new NamedModel(name, pointer));
        return models;
    }

    /// <summary>The names that serve something, for an error that says which exist.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Select(m => m.Model).ToList();

    /// <summary>
    /// The name's pointer (null: `default` serves the shipped model); a name that serves nothing is refused with the names
    /// that do (<see cref="ModelName.Unknown"/>).
    /// </summary>
    public async Task<ServedModelPointer?> RequireAsync(string model, CancellationToken cancellationToken)
    {
        ServedModelPointer? pointer = await ReadAsync(model, cancellationToken);
        if (pointer is null && !ModelName.IsDefault(model)) throw ModelName.Unknown(model, await NamesAsync(cancellationToken));
        return pointer;
    }

    /// <summary>
    /// Serves a complete checkpoint folder under <paramref name="model"/> from now on. <paramref name="references"/> become
    /// the name's references (null keeps the current pointer's, without the scores of the model served before).
    /// </summary>
    public async Task<ServedModelPointer> PromoteAsync(
        string model,
        string checkpointFolder,
        CheckpointMetadata metadata,
        string reason,
        ChallengeScores? scores,
        IReadOnlyList<ReferenceTrials>? references,
        CancellationToken cancellationToken)
    {
        await storage.RunAsync(async ct => { await store.Models.CreateIfNotExistsAsync(cancellationToken: ct); }, cancellationToken);
        ServedModelPointer next = (await storage.UpdateAsync(Pointer(model), current =>
            new ServedModelPointer(checkpointFolder, metadata.RunId, metadata.Epoch, reason, time.GetUtcNow())
            {
                Model = model,
                Scores = scores,
                References = references ?? WithoutScores(current?.References),
                Previous = current?.Trimmed(),
            }, StorageJson.Default.ServedModelPointer, cancellationToken))!;
        LogPromoted(model, checkpointFolder, reason);
        return next;
    }

    /// <summary>
    /// An operator's promotion under <paramref name="model"/>: a run's best checkpoint (else its latest), or the named
    /// checkpoint of the run. The name keeps its references, so later challengers still answer to them.
    /// </summary>
    public async Task<ServedModelPointer> PromoteRunAsync(
        string model,
        string runId,
        string? checkpoint,
        string reason,
        CancellationToken cancellationToken)
    {
        ModelName.Check(model);
        if (string.IsNullOrWhiteSpace(runId) || runId.Contains('/') || runId.Contains("..")
            || checkpoint is not null && (checkpoint.Contains('/') || checkpoint.Contains("..")))
            throw new InvalidInputException("models.invalid-name",
                $"'{runId}{(checkpoint is null ? "" : "/" + checkpoint)}' is not a run id (and checkpoint name).");
        string folder = await store.FindCheckpointAsync(runId, checkpoint, cancellationToken)
                        ?? throw new MissingInputException("models.not-found",
                            $"Run {runId} has no complete checkpoint{(checkpoint is null ? "" : " " + checkpoint)} " +
                            $"to promote (models/{runId}/).");
        CheckpointMetadata metadata = (await store.ReadMetadataAsync(folder, cancellationToken))!;
        return await PromoteAsync(model, folder, metadata, reason, scores: null, references: null, cancellationToken);
    }

    /// <summary>
    /// Serves the model that was served under <paramref name="model"/> before the current one (for `default`, the default
    /// model when there was none).
    /// </summary>
    public async Task<ServedModelPointer> RollBackAsync(string model, string reason, CancellationToken cancellationToken)
    {
        await RequireAsync(model, cancellationToken);
        ServedModelPointer? from = null;
        ServedModelPointer next = (await storage.UpdateAsync(Pointer(model), current =>
        {
            from = current;
            return (current?.Previous, ModelName.IsDefault(model)) switch
            {
                ({ } previous, _) => previous with
                {
                    Model = model, Reason = $"rolled back from {current!.Checkpoint}: {reason}", UpdatedUtc = time.GetUtcNow(),
                },
                (null, true) when current is { IsDefault: false } => new ServedModelPointer(ServedModelPointer.DefaultModel,
                    ServedModelPointer.DefaultModel, 0, $"rolled back from {current.Checkpoint}: {reason}", time.GetUtcNow())
                {
                    References = WithoutScores(current.References),
                },
                _ => throw NothingToRollBack(model, current),
            };
        }, StorageJson.Default.ServedModelPointer, cancellationToken))!;
        LogRolledBack(model, from!.Checkpoint, next.Checkpoint, reason);
        return next;
    }

    private static IReadOnlyList<ReferenceTrials> WithoutScores(IReadOnlyList<ReferenceTrials>? references) =>
        references?.Select(r => r with { ServedAccuracy = null }).ToList() ?? [];

    private static InvalidInputException NothingToRollBack(string model, ServedModelPointer? current) =>
        new("models.nothing-to-roll-back", ModelName.IsDefault(model)
            ? "The default model answers and nothing was served before it: there is nothing to roll back to."
            : $"'{model}' serves its first model ({current?.Checkpoint}): there is nothing to roll back to.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: serving {Checkpoint} from now on: {Reason}")]
    private partial void LogPromoted(string model, string checkpoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model}: rolled back from {From} to {To}: {Reason}")]
    private partial void LogRolledBack(string model, string from, string to, string reason);
}
