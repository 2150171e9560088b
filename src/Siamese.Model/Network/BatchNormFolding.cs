using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Siamese.Model.Network;

/// <summary>
/// Folds an evaluation-mode BatchNorm into the convolution before it, so that inference runs one layer instead of two:
/// with s = γ / √(var + ε), the kernel becomes w·s (per output channel) and the bias (b − μ)·s + β. The scale is computed
/// in double precision, so the folded layer's outputs match conv-then-BN to float rounding.
/// </summary>
internal static class BatchNormFolding
{
    public static void Into(Conv2d convolution, BatchNorm2d norm)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor scale = norm.weight!.to(float64) / (norm.running_var!.to(float64) + norm.eps).sqrt();
        Tensor weight = convolution.weight!.to(float64) * scale.view(-1, 1, 1, 1);
        Tensor bias = (convolution.bias!.to(float64) - norm.running_mean!.to(float64)) * scale + norm.bias!.to(float64);
        convolution.weight!.copy_(weight);
        convolution.bias!.copy_(bias);
    }
}
