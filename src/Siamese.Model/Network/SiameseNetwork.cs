using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Siamese.Model.Network;

/// <summary>
/// Two branches that share one backbone: each image of a pair is embedded by the same <see cref="AttentionResNet"/>,
/// and the head turns |e1 − e2| into a similarity: Linear → ReLU → Linear → sigmoid.
/// The input of <see cref="forward"/> is the original's pair image: two images stacked vertically, [B, C, 2S, S].
/// </summary>
public sealed class SiameseNetwork : nn.Module<Tensor, Tensor>
{
    private readonly AttentionResNet backbone;
    private readonly Linear fc1;
    private readonly ReLU relu;
    private readonly Linear fc2;

    public SiameseNetwork(ModelConfig config) : base(nameof(SiameseNetwork))
    {
        Config = config.Validate();
        backbone = new AttentionResNet("backbone", config);
        fc1 = nn.Linear(config.EmbeddingSize, config.HeadSize);
        relu = nn.ReLU();
        fc2 = nn.Linear(config.HeadSize, 1);
        RegisterComponents();
        Layers.InitialiseLikeKeras(this);
    }

    public ModelConfig Config { get; }

    public AttentionResNet Backbone => backbone;

    /// <summary>True once <see cref="OptimizeForInference"/> has made this network an inference-only one.</summary>
    public bool IsOptimizedForInference => Optimizations != InferenceOptimizations.None;

    /// <summary>What <see cref="OptimizeForInference"/> changed.</summary>
    public InferenceOptimizations Optimizations { get; private set; }

    /// <summary>
    /// Makes this network inference-only and faster, once, after a checkpoint is loaded for serving or evaluation: it
    /// goes to evaluation mode, each BatchNorm is folded into the convolution before it (one layer runs where two ran),
    /// kernels and inputs take the channels-last layout, and the convolutions of a pair's smallest maps run as matrix
    /// products (<see cref="MatrixConvolution"/>; see docs/benchmarks.md, "Network speed"). Scores equal the unoptimised
    /// network's within float rounding (tests hold them within 1e-5); the checkpoint is unchanged. Such a network cannot
    /// train, be saved or load weights. With <see cref="InferenceOptimizations.BFloat16"/> the backbone then computes in
    /// bfloat16 (folded in float32 first): answers move by bfloat16's rounding, not float32's (docs/benchmarks.md,
    /// "Inference in bfloat16").
    /// </summary>
    public SiameseNetwork OptimizeForInference(InferenceOptimizations optimizations = InferenceOptimizations.All)
    {
        if (IsOptimizedForInference || optimizations == InferenceOptimizations.None) return this;
        eval();
        if (optimizations.HasFlag(InferenceOptimizations.FoldBatchNorm)) backbone.FoldBatchNorm();
        if (optimizations.HasFlag(InferenceOptimizations.BFloat16)) backbone.ComputeInBFloat16();
        if (optimizations.HasFlag(InferenceOptimizations.ChannelsLast))
            foreach (var convolution in backbone.modules().OfType<Conv2d>()) ChannelsLast.Use(convolution);
        if (optimizations.HasFlag(InferenceOptimizations.SmallMapsAsMatrixProducts))
            backbone.UseMatrixProductsForSmallMaps(Config.ImageSize);
        Optimizations = optimizations;
        return this;
    }

    /// <summary>A new network of this configuration with these weights, on the same device; this one must not be optimised.</summary>
    public SiameseNetwork Copy()
    {
        if (IsOptimizedForInference)
            throw new InvalidOperationException("An optimised network's weights are folded and re-laid; copy it before optimising it.");
        var copy = new SiameseNetwork(Config);
        copy.to(Device);
        copy.load_state_dict(state_dict());
        return copy;
    }

    /// <summary>Where the weights live; inputs must be moved there.</summary>
    public Device Device => fc2.weight!.device;

    /// <summary>Similarity in [0, 1] of each pair image, shape [B].</summary>
    public override Tensor forward(Tensor pairImages)
    {
        using Tensor logits = Logits(pairImages);
        return sigmoid(logits);
    }

    /// <summary>The similarity before the sigmoid, shape [B]: what the loss is computed on, for numerical stability.</summary>
    public Tensor Logits(Tensor pairImages)
    {
        using var scope = NewDisposeScope();
        int size = Config.ImageSize;
        // Two calls on one backbone, as in the original: each branch gets its own batch statistics in training.
        Tensor first = Embed(pairImages.narrow(2, 0, size));
        Tensor second = Embed(pairImages.narrow(2, size, size));
        return HeadLogits(first, second).MoveToOuterDisposeScope();
    }

    /// <summary>Embeddings of single images [B, C, S, S] → [B, EmbeddingSize], float32 whatever the backbone computes in.</summary>
    public Tensor Embed(Tensor images)
    {
        if (!IsOptimizedForInference) return backbone.call(images);
        if (training) throw new InvalidOperationException("This network was optimised for inference and cannot be trained.");
        using var scope = NewDisposeScope();
        Tensor input = Optimizations.HasFlag(InferenceOptimizations.BFloat16) ? images.to(bfloat16) : images;
        if (Optimizations.HasFlag(InferenceOptimizations.ChannelsLast)) input = ChannelsLast.Of(input);
        return backbone.call(input).MoveToOuterDisposeScope();
    }

    /// <summary>Similarity in [0, 1] of two batches of embeddings; symmetric in its arguments.</summary>
    public Tensor Similarity(Tensor first, Tensor second)
    {
        using Tensor logits = HeadLogits(first, second);
        return sigmoid(logits);
    }

    public Tensor HeadLogits(Tensor first, Tensor second)
    {
        using var scope = NewDisposeScope();
        Tensor distance = (first - second).abs();
        return fc2.call(relu.call(fc1.call(distance))).squeeze(-1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// How fast the BatchNorm running statistics follow the batches (PyTorch's convention: 0.01 is Keras' 0.99, the
    /// original's). Faster statistics make evaluation-mode scores reliable after fewer steps.
    /// </summary>
    public void SetBatchNormMomentum(double momentum)
    {
        foreach (var batchNorm in modules().OfType<BatchNorm2d>()) batchNorm.momentum = momentum;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { backbone.Dispose(); fc1.Dispose(); relu.Dispose(); fc2.Dispose(); }
        base.Dispose(disposing);
    }
}
