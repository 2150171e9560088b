using Siamese.Model.Checkpoints;
using Siamese.Model.Imaging;
using Siamese.Model.Inference;
using Siamese.Model.Network;
using Siamese.Storage.Promotion;

namespace Siamese.Serving.Provider;

/// <summary>
/// A loaded network, optimised for inference (<see cref="SiameseNetwork.OptimizeForInference"/>, in the precision
/// <see cref="PrecisionChoice"/> chose), and where it came from.
/// Reference-counted: requests hold a lease while they use it, so a newer model can be swapped in at any time and the old
/// one is disposed only when its last request is done.
/// </summary>
public sealed class ServedModel
{
    private int references = 1; // the provider's own

    /// <param name="network">The loaded network; optimised here as <paramref name="optimizations"/> say.</param>
    public ServedModel(SiameseNetwork network, InferenceOptimizations optimizations, CheckpointMetadata metadata, string source,
        string checkpoint, DateTimeOffset loadedUtc)
    {
        if (optimizations.HasFlag(InferenceOptimizations.BFloat16)) Float32 = network.Copy().OptimizeForInference();
        Network = network.OptimizeForInference(optimizations);
        Metadata = metadata;
        Source = source;
        Checkpoint = checkpoint;
        LoadedUtc = loadedUtc;
        Preprocessor = metadata.Preprocessing.ToPreprocessor();
    }

    public SiameseNetwork Network { get; }

    /// <summary>
    /// When <see cref="Network"/> computes in bfloat16: the same weights in float32, for the pairs that bfloat16 scores too
    /// close to the threshold to call (<see cref="BFloat16Margin"/>); null when the network is float32 itself.
    /// </summary>
    public SiameseNetwork? Float32 { get; }
    public CheckpointMetadata Metadata { get; }
    public PairPreprocessor Preprocessor { get; }
    public ColorMode ColorMode => Metadata.Preprocessing.ColorMode;

    /// <summary>The number format the network computes in: "bfloat16" or "float32".</summary>
    public string Precision => Network.Optimizations.HasFlag(InferenceOptimizations.BFloat16) ? "bfloat16" : "float32";

    /// <summary>"storage" or "default" (the model shipped with the app).</summary>
    public string Source { get; }
    public string Checkpoint { get; }
    public DateTimeOffset LoadedUtc { get; }

    /// <summary>The model name it is served under.</summary>
    public string Name { get; init; } = ModelName.Default;

    /// <summary>The checkpoint's folder in the models container; null for the default model.</summary>
    public string? StorageFolder { get; init; }

    /// <summary>Why this model is served (the name's served pointer); null while nothing was ever promoted for `default`.</summary>
    public ServedModelPointer? Pointer { get; init; }

    /// <summary>isSame's threshold: the one chosen on the checkpoint's validation pairs, else <paramref name="fallback"/>.</summary>
    public double ThresholdOr(double fallback) => Metadata.Threshold?.Similarity ?? fallback;

    /// <summary>
    /// Identifies the weights: cached embeddings are valid only for the model that computed them. Names share a model's
    /// embeddings only when they serve the same checkpoint (run ids differ between names).
    /// </summary>
    public string Id => $"{Metadata.RunId}/{Metadata.Epoch}";

    internal bool TryAddReference()
    {
        for (int seen = Volatile.Read(ref references); seen > 0; seen = Volatile.Read(ref references))
            if (Interlocked.CompareExchange(ref references, seen + 1, seen) == seen) return true;
        return false;
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref references) != 0) return;
        Network.Dispose();
        Float32?.Dispose();
    }
}

/// <summary>A request's hold on a model; dispose it when the request is done.</summary>
public sealed class ModelLease(ServedModel model) : IDisposable
{
    private int released;

    public ServedModel Model { get; } = model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0) Model.Release();
    }
}
