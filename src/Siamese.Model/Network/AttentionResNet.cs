using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Siamese.Model.Network;

/// <summary>
/// The backbone (one branch of the Siamese network): a ResNet-18-style stack with an ECA block after each stage.
/// stem (conv3x3 → BN → LeakyReLU → maxpool3 s1) → [stage → ECA] x 4 → global average pool → linear embedding.
/// </summary>
public sealed class AttentionResNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly LeakyReLU act1;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1, layer2, layer3, layer4;
    private readonly EcaBlock eca1, eca2, eca3, eca4;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Linear fc;
    private bool batchNormFolded, inBFloat16;

    public AttentionResNet(string name, ModelConfig config) : base(name)
    {
        IReadOnlyList<int> channels = config.StageChannels;
        IReadOnlyList<int> blocks = config.BlocksPerStage;

        conv1 = nn.Conv2d(config.InputChannels, channels[0], kernel_size: 3, stride: 1, padding: 1);
        bn1 = Layers.BatchNorm(channels[0]);
        act1 = nn.LeakyReLU(Layers.LeakySlope);
        maxpool = nn.MaxPool2d(kernel_size: 3, stride: 1, padding: 1);

        layer1 = Stage(channels[0], channels[0], blocks[0], stride: 1, config.DownsamplePadding);
        eca1 = new EcaBlock("eca1", channels[0], config.EcaKernels);
        layer2 = Stage(channels[0], channels[1], blocks[1], stride: 2, config.DownsamplePadding);
        eca2 = new EcaBlock("eca2", channels[1], config.EcaKernels);
        layer3 = Stage(channels[1], channels[2], blocks[2], stride: 2, config.DownsamplePadding);
        eca3 = new EcaBlock("eca3", channels[2], config.EcaKernels);
        layer4 = Stage(channels[2], channels[3], blocks[3], stride: 2, config.DownsamplePadding);
        eca4 = new EcaBlock("eca4", channels[3], config.EcaKernels);

        avgpool = nn.AdaptiveAvgPool2d(1);
        fc = nn.Linear(channels[3], config.EmbeddingSize);
        RegisterComponents();
    }

    public IReadOnlyList<EcaBlock> AttentionBlocks => [eca1, eca2, eca3, eca4];

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        Tensor x = Stem(images);
        x = Replace(x, eca1.call(layer1.call(x)));
        x = Replace(x, eca2.call(layer2.call(x)));
        x = Replace(x, eca3.call(layer3.call(x)));
        x = Replace(x, eca4.call(layer4.call(x)));
        x = avgpool.call(x).flatten(1);
        if (inBFloat16) x = x.to(float32);
        return fc.call(x).MoveToOuterDisposeScope();
    }

    /// <summary>The output of each of the four stages (after its ECA block), for inspection and shape checks.</summary>
    public IReadOnlyList<Tensor> StageOutputs(Tensor images)
    {
        using var scope = NewDisposeScope();
        Tensor s1 = eca1.call(layer1.call(Stem(images)));
        Tensor s2 = eca2.call(layer2.call(s1));
        Tensor s3 = eca3.call(layer3.call(s2));
        Tensor s4 = eca4.call(layer4.call(s3));
        return [s1.MoveToOuterDisposeScope(), s2.MoveToOuterDisposeScope(), s3.MoveToOuterDisposeScope(), s4.MoveToOuterDisposeScope()];
    }

    private Tensor Stem(Tensor images)
    {
        using var scope = NewDisposeScope();
        Tensor x = conv1.call(images);
        if (!batchNormFolded) x = bn1.call(x);
        x = Layers.LeakyRelu(act1, x);
        return maxpool.call(x).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The next activation, the one before it freed at once (autograd keeps what it needs): a forward pass then holds a
    /// few activations at a time, not all of them, which kept large inference batches as fast per image as small ones.
    /// </summary>
    private static Tensor Replace(Tensor previous, Tensor next)
    {
        if (!ReferenceEquals(previous, next)) previous.Dispose();
        return next;
    }

    /// <summary>Folds every BatchNorm into its convolution (see <see cref="SiameseNetwork.OptimizeForInference"/>).</summary>
    internal void FoldBatchNorm()
    {
        BatchNormFolding.Into(conv1, bn1);
        foreach (var block in new[] { layer1, layer2, layer3, layer4 }.SelectMany(stage => stage.children()).Cast<ResidualBlock>())
            block.FoldBatchNorm();
        batchNormFolded = true;
    }

    /// <summary>
    /// Casts every layer before the embedding to bfloat16 (see <see cref="SiameseNetwork.OptimizeForInference"/>); the
    /// embedding layer stays float32, so the pooled features are rounded to bfloat16 but the embedding is not. Inputs
    /// must then be bfloat16.
    /// </summary>
    internal void ComputeInBFloat16()
    {
        foreach (var module in new nn.Module[] { conv1, bn1, layer1, layer2, layer3, layer4, eca1, eca2, eca3, eca4 })
            module.to(bfloat16);
        inBFloat16 = true;
    }

    /// <summary>
    /// Gives the 3x3 convolutions of each stage whose maps are small enough for <see cref="MatrixConvolution"/> a matrix
    /// form (see <see cref="SiameseNetwork.OptimizeForInference"/>). The stem keeps the image's size; each later stage halves
    /// it, rounding up.
    /// </summary>
    internal void UseMatrixProductsForSmallMaps(int imageSize)
    {
        Sequential[] stages = [layer1, layer2, layer3, layer4];
        long side = imageSize;
        for (int stage = 0; stage < stages.Length; stage++)
        {
            if (stage > 0) side = (side + 1) / 2;
            if (side * side > MatrixConvolution.MaxOutputPositions) continue;
            foreach (var block in stages[stage].children().Cast<ResidualBlock>()) block.UseMatrixProducts();
        }
    }

    private static Sequential Stage(int inChannels, int outChannels, int blocks, int stride, DownsamplePadding padding)
    {
        var stage = nn.Sequential();
        stage.append(new ResidualBlock("block0", inChannels, outChannels, stride, padding));
        for (int i = 1; i < blocks; i++)
            stage.append(new ResidualBlock($"block{i}", outChannels, outChannels, stride: 1, padding));
        return stage;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            nn.Module[] modules = [conv1, bn1, act1, maxpool, layer1, layer2, layer3, layer4, eca1, eca2, eca3, eca4, avgpool, fc];
            foreach (var module in modules)
                module.Dispose();
        }
        base.Dispose(disposing);
    }
}
