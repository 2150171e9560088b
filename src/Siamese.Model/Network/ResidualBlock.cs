using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Siamese.Model.Network;

/// <summary>
/// conv3x3 → BN → LeakyReLU(0.2) → conv3x3 → BN, plus the shortcut (a 1x1 projection when the block downsamples),
/// then ReLU, as in the original's ResidualBlock. A downsampling block pads its first convolution as
/// <see cref="DownsamplePadding"/> says.
/// </summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly LeakyReLU act1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d? downsample;
    private readonly bool kerasSame;
    private readonly int stride;
    private bool batchNormFolded;
    private MatrixConvolution? conv1AsProduct, conv2AsProduct;

    public ResidualBlock(string name, int inChannels, int outChannels, int stride,
        DownsamplePadding padding) : base(name)
    {
        this.stride = stride;
        kerasSame = stride > 1 && padding == DownsamplePadding.KerasSame;
        conv1 = nn.Conv2d(inChannels, outChannels, kernel_size: 3, stride: stride, padding: kerasSame ? 0L : 1L);
        bn1 = Layers.BatchNorm(outChannels);
        act1 = nn.LeakyReLU(Layers.LeakySlope);
        conv2 = nn.Conv2d(outChannels, outChannels, kernel_size: 3, stride: 1, padding: 1);
        bn2 = Layers.BatchNorm(outChannels);
        // The original projects the shortcut only when it strides; a stride-1 block keeps the identity.
        if (stride > 1 || inChannels != outChannels)
            downsample = nn.Conv2d(inChannels, outChannels, kernel_size: 1, stride: stride);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor padded = kerasSame ? KerasPadding.Same(input, kernelSize: 3, stride) : input;
        Tensor x = Normalize(bn1, Convolve(conv1, conv1AsProduct, padded));
        x = Layers.LeakyRelu(act1, x);
        x = Normalize(bn2, Convolve(conv2, conv2AsProduct, x));
        Tensor shortcut = downsample?.call(input) ?? input;
        // Without autograd nothing needs the sum's inputs after it: it is made in place.
        Tensor output = is_grad_enabled() ? nn.functional.relu(x + shortcut) : x.add_(shortcut).relu_();
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>Folds both BatchNorms into their convolutions (see <see cref="SiameseNetwork.OptimizeForInference"/>).</summary>
    internal void FoldBatchNorm()
    {
        BatchNormFolding.Into(conv1, bn1);
        BatchNormFolding.Into(conv2, bn2);
        batchNormFolded = true;
    }

    /// <summary>Computes both 3x3 convolutions as matrix products (see <see cref="MatrixConvolution"/>); inference only.</summary>
    internal void UseMatrixProducts()
    {
        conv1AsProduct = new MatrixConvolution(conv1);
        conv2AsProduct = new MatrixConvolution(conv2);
    }

    private Tensor Normalize(BatchNorm2d norm, Tensor x) => batchNormFolded ? x : norm.call(x);

    private static Tensor Convolve(Conv2d convolution, MatrixConvolution? asProduct, Tensor input) =>
        asProduct?.Apply(input) ?? convolution.call(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose(); bn1.Dispose(); act1.Dispose();
            conv2.Dispose(); bn2.Dispose(); downsample?.Dispose();
            conv1AsProduct?.Dispose(); conv2AsProduct?.Dispose();
        }
        base.Dispose(disposing);
    }
}
