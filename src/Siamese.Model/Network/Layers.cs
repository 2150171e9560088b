using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Siamese.Model.Network;

/// <summary>Layer settings shared by the blocks, matching TensorFlow/Keras defaults of the original.</summary>
internal static class Layers
{
    public const double LeakySlope = 0.2;

    // Keras BatchNormalization: epsilon 1e-3, momentum 0.99 (PyTorch counts momentum the other way: 0.01).
    public static BatchNorm2d BatchNorm(int channels) => nn.BatchNorm2d(channels, eps: 1e-3, momentum: 0.01);

    /// <summary>
    /// The activation after a convolution: <paramref name="module"/> with autograd, in place without it (nothing else
    /// needs the convolution's output then, and a pass writes no new tensor).
    /// </summary>
    public static Tensor LeakyRelu(LeakyReLU module, Tensor x) =>
        is_grad_enabled() ? module.call(x) : nn.functional.leaky_relu(x, LeakySlope, inplace: true);

    /// <summary>Keras initialisation: Glorot-uniform kernels, zero biases (PyTorch would use Kaiming-uniform).</summary>
    public static void InitialiseLikeKeras(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (parameter.dim() > 1) nn.init.xavier_uniform_(parameter);
            else if (name.EndsWith("bias", StringComparison.Ordinal)) nn.init.zeros_(parameter);
        }
    }
}
