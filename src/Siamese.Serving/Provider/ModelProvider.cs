using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Provider;

/// <summary>
/// Serves each model name's promoted model: one loaded model per name in use (<see cref="ModelSlot"/>), each with its own
/// hot reload. At most MaxLoadedModels names keep a model loaded; beyond that the least recently used name lets go of its
/// model (requests in flight finish on it) and loads it again when next asked for.
/// </summary>
public sealed partial class ModelProvider(IServedModelSource source, PrecisionChoice precision, IOptions<ServingOptions> options,
    TimeProvider time, ILogger<ModelProvider> logger) : IDisposable
{
    /// <summary>The provider of a host: the models storage serves (the constructor dependency injection takes).</summary>
    public ModelProvider(BlobCheckpointStore store, ServedModels served, PrecisionChoice precision, IOptions<ServingOptions> options,
        TimeProvider time, ILogger<ModelProvider> logger)
        : this(new StorageModelSource(store, served), precision, options, time, logger)
    {
    }

    private readonly Dictionary<string, ModelSlot> slots = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long uses;

    /// <summary>The names that hold a loaded model now, least recently used first.</summary>
    public IReadOnlyList<string> LoadedNames
    {
        get
        {
            lock (gate) return slots.Values.Where(s => s.HasModel).OrderBy(s => s.LastUsed).Select(s => s.Name).ToList();
        }
    }

    /// <summary>
    /// A lease on the model served under <paramref name="model"/> (null or empty: `default`). An invalid name is refused
    /// (model.invalid-name), a name that serves nothing is unknown (models.unknown-model, naming the known ones).
    /// </summary>
    public async Task<ModelLease> AcquireAsync(string? model, CancellationToken cancellationToken)
    {
        string name = ModelName.Check(model);
        while (true)
        {
            ModelSlot slot = Use(name);
            ModelLease? lease;
            try
            {
                lease = await slot.AcquireAsync(cancellationToken);
            }
            // A name that is unknown (or never loaded: storage down) keeps no slot, so unknown names cannot fill memory.
            catch (Exception ex) when (ex is MissingInputException { Code: ModelName.UnknownCode }
                                       || ex is not OperationCanceledException && !slot.HasModel)
            {
                Remove(slot);
                throw;
            }
            if (lease is null) continue;   // evicted meanwhile: take a new slot
            EvictBeyondLimit(slot);
            return lease;
        }
    }

    /// <summary>The next request for <paramref name="model"/> reads its pointer again (after an operator moved it).</summary>
    public void CheckNow(string model)
    {
        lock (gate)
            if (slots.TryGetValue(model, out ModelSlot? slot)) slot.CheckNow();
    }

    private ModelSlot Use(string name)
    {
        lock (gate)
        {
            if (!slots.TryGetValue(name, out ModelSlot? slot))
            {
                var reloadInterval = TimeSpan.FromSeconds(options.Value.ReloadIntervalSeconds);
                slots[name] = slot = new ModelSlot(name, source, precision, reloadInterval, time, logger);
            }
            slot.LastUsed = ++uses;
            return slot;
        }
    }

    private void Remove(ModelSlot slot)
    {
        lock (gate)
            if (slots.TryGetValue(slot.Name, out ModelSlot? held) && held == slot) slots.Remove(slot.Name);
        slot.Evict();
    }

    private void EvictBeyondLimit(ModelSlot used)
    {
        List<ModelSlot> evicted;
        lock (gate)
        {
            evicted = slots.Values.Where(s => s != used).OrderBy(s => s.LastUsed)
                .Take(Math.Max(0, slots.Count - options.Value.MaxLoadedModels)).ToList();
            foreach (ModelSlot slot in evicted) slots.Remove(slot.Name);
        }
        foreach (ModelSlot slot in evicted)
        {
            LogEvicted(slot.Name, options.Value.MaxLoadedModels);
            slot.Evict();
        }
    }

    public void Dispose()
    {
        List<ModelSlot> all;
        lock (gate)
        {
            all = slots.Values.ToList();
            slots.Clear();
        }
        foreach (ModelSlot slot in all) slot.Evict();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Model {Model}: unloaded, the least recently used beyond Serving:MaxLoadedModels ({MaxLoadedModels})")]
    private partial void LogEvicted(string model, int maxLoadedModels);
}
