using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.Model.Checkpoints;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Provider;

/// <summary>
/// Serves the promoted model: reads models/served.json, loads that checkpoint once, checks for a change at most every
/// ReloadIntervalSeconds (or at once after <see cref="CheckNow"/>) and swaps it in without failing requests in flight.
/// While nothing was promoted (or storage is unreachable at start) it serves the default model shipped with the app.
/// </summary>
public sealed partial class ModelProvider(IServedModelSource source, IOptions<ServingOptions> options, TimeProvider time,
    ILogger<ModelProvider> logger) : IDisposable
{
    /// <summary>The provider of a host: the model storage serves (the constructor dependency injection takes).</summary>
    public ModelProvider(BlobCheckpointStore store, ServedModels served, IOptions<ServingOptions> options, TimeProvider time,
        ILogger<ModelProvider> logger)
        : this(new StorageModelSource(store, served), options, time, logger)
    {
    }

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private ServedModel? current;
    private string? currentPointer;
    private DateTimeOffset nextCheck = DateTimeOffset.MinValue;

    public async Task<ModelLease> AcquireAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() >= nextCheck || current is null)
            await RefreshAsync(wait: current is null, cancellationToken);
        while (true)
        {
            ServedModel model = Volatile.Read(ref current)!;
            if (model.TryAddReference()) return new ModelLease(model);
        }
    }

    private async Task RefreshAsync(bool wait, CancellationToken cancellationToken)
    {
        // One request checks; the others go on with the model they have.
        if (!await refreshing.WaitAsync(wait ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken)) return;
        try
        {
            if (time.GetUtcNow() < nextCheck && current is not null) return;
            nextCheck = time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.ReloadIntervalSeconds);

            ServedModelPointer? pointer = await source.ReadPointerAsync(cancellationToken);
            string pointerKey = pointer is null ? "" : $"{pointer.Checkpoint}@{pointer.UpdatedUtc:O}";
            if (pointerKey == currentPointer && current is not null) return;
            if (pointer is null || pointer.IsDefault)
            {
                Swap(LoadDefault(pointer), pointerKey);
                return;
            }

            StoredCheckpoint checkpoint = await source.LoadCheckpointAsync(pointer.Checkpoint, cancellationToken);
            var loaded = new ServedModel(checkpoint.Network, checkpoint.Metadata, "storage", $"models/{checkpoint.Name}", time.GetUtcNow())
            {
                StorageFolder = checkpoint.Name,
                Pointer = pointer,
            };
            Swap(loaded, pointerKey);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRefreshFailed(ex, current?.Id ?? "none");
            if (current is null) Swap(LoadDefault(null), null);
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>The next request reads models/served.json again (after an operator moved it through this host).</summary>
    public void CheckNow() => nextCheck = DateTimeOffset.MinValue;

    private ServedModel LoadDefault(ServedModelPointer? pointer)
    {
        var (network, metadata) = DefaultModel.Load();
        return new ServedModel(network, metadata, "default", DefaultModel.FolderName, time.GetUtcNow()) { Pointer = pointer };
    }

    private void Swap(ServedModel model, string? pointerKey)
    {
        ServedModel? old = Interlocked.Exchange(ref current, model);
        currentPointer = pointerKey;
        LogServing(model.Id, model.Source, model.Checkpoint);
        old?.Release();
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref current, null)?.Release();
        refreshing.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving model {ModelId} ({Source}: {Checkpoint})")]
    private partial void LogServing(string modelId, string source, string checkpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check for a newer model; still serving {ModelId}")]
    private partial void LogRefreshFailed(Exception exception, string modelId);
}
