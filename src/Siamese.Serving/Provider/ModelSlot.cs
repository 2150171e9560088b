using Microsoft.Extensions.Logging;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Network;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Provider;

/// <summary>
/// One model name's loaded model: reads the name's served pointer, loads that checkpoint once, checks for a change at most
/// every reload interval (or at once after <see cref="CheckNow"/>) and swaps it in without failing requests in flight.
/// `default` without a pointer (or while storage is unreachable at start) serves the default model shipped with the app;
/// any other name without a pointer is unknown. Once evicted it holds no model and loads none.
/// </summary>
internal sealed partial class ModelSlot(string name, IServedModelSource source, PrecisionChoice precision, TimeSpan reloadInterval,
    TimeProvider time, ILogger logger)
{
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly Lock gate = new();
    private ServedModel? current;
    private string? currentPointer;
    private bool evicted;
    private DateTimeOffset nextCheck = DateTimeOffset.MinValue;

    public string Name { get; } = name;

    /// <summary>When a request last used it, in the provider's count of acquisitions (least recently used goes first).</summary>
    public long LastUsed { get; set; }

    public bool HasModel => Volatile.Read(ref current) is not null;

    /// <summary>A lease on the name's model; null once the slot was evicted (the caller takes a new slot).</summary>
    public async Task<ModelLease?> AcquireAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() >= nextCheck || !HasModel)
            await RefreshAsync(wait: !HasModel, cancellationToken);
        while (true)
        {
            ServedModel? model = Volatile.Read(ref current);
            if (model is null) return null;
            if (model.TryAddReference()) return new ModelLease(model);
        }
    }

    /// <summary>The next request reads the name's pointer again (after an operator moved it through this host).</summary>
    public void CheckNow() => nextCheck = DateTimeOffset.MinValue;

    /// <summary>Lets go of the model; requests in flight finish on it, and it is disposed after the last of them.</summary>
    public void Evict()
    {
        ServedModel? old;
        lock (gate)
        {
            evicted = true;
            old = current;
            current = null;
        }
        old?.Release();
    }

    private async Task RefreshAsync(bool wait, CancellationToken cancellationToken)
    {
        // One request checks; the others go on with the model they have.
        if (!await refreshing.WaitAsync(wait ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken)) return;
        try
        {
            if (evicted || time.GetUtcNow() < nextCheck && HasModel) return;
            nextCheck = time.GetUtcNow() + reloadInterval;
            ServedModelPointer? pointer = await source.ReadPointerAsync(Name, cancellationToken);
            if (pointer is null && !ModelName.IsDefault(Name)) throw ModelName.Unknown(Name, await source.NamesAsync(cancellationToken));
            string pointerKey = pointer is null ? "" : $"{pointer.Checkpoint}@{pointer.UpdatedUtc:O}";
            if (pointerKey == currentPointer && HasModel) return;
            Swap(pointer is null || pointer.IsDefault ? LoadDefault(pointer) : await LoadAsync(pointer, cancellationToken), pointerKey);
        }
        // Storage failing: the model served before keeps answering; `default` starts on the shipped model meanwhile.
        catch (Exception ex) when (ex is not (OperationCanceledException or MissingInputException { Code: ModelName.UnknownCode })
                                   && (HasModel || ModelName.IsDefault(Name)))
        {
            LogRefreshFailed(ex, Name, Volatile.Read(ref current)?.Id ?? "none");
            if (!HasModel) Swap(LoadDefault(null), null);
        }
        finally
        {
            refreshing.Release();
        }
    }

    private async Task<ServedModel> LoadAsync(ServedModelPointer pointer, CancellationToken cancellationToken)
    {
        StoredCheckpoint checkpoint = await source.LoadCheckpointAsync(pointer.Checkpoint, cancellationToken);
        return new ServedModel(checkpoint.Network, OptimizationsFor(checkpoint.Network), checkpoint.Metadata, "storage",
            $"models/{checkpoint.Name}", time.GetUtcNow())
        {
            Name = Name,
            StorageFolder = checkpoint.Name,
            Pointer = pointer,
        };
    }

    private ServedModel LoadDefault(ServedModelPointer? pointer)
    {
        var (network, metadata) = DefaultModel.Load();
        return new ServedModel(network, OptimizationsFor(network), metadata, "default", DefaultModel.FolderName, time.GetUtcNow())
        {
            Name = Name,
            Pointer = pointer,
        };
    }

    private InferenceOptimizations OptimizationsFor(SiameseNetwork network) => precision.OptimizationsFor(network.Config);

    private void Swap(ServedModel model, string? pointerKey)
    {
        ServedModel? old;
        lock (gate)
        {
            if (evicted)
            {
                model.Release();
                return;
            }
            old = current;
            current = model;
            currentPointer = pointerKey;
        }
        LogServing(Name, model.Id, model.Source, model.Checkpoint);
        old?.Release();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: serving {ModelId} ({Source}: {Checkpoint})")]
    private partial void LogServing(string model, string modelId, string source, string checkpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model}: could not check for a newer model; still serving {ModelId}")]
    private partial void LogRefreshFailed(Exception exception, string model, string modelId);
}
