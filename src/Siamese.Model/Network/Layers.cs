using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Siamese.Model.Network;

/// <summary>Layer settings shared by the blocks, matching TensorFlow/Keras defaults of the original.</summary>
internal static class Layers
{
    public const double LeakySlope = 0.2;

    // Keras BatchNormalization: epsilon 1e-3, momentum 0.99 (PyTorch counts momentum the other way: 0.01).
    public static BatchNorm2d BatchNorm(int channels) => nn.BatchNorm2d(channels, eps: 1e-3, momentum: 0.01);

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
