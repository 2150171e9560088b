using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Siamese.Model.Network;

/// <summary>
/// The channels-last (NHWC) memory layout, in which oneDNN's convolutions run without reordering their inputs and
/// outputs. TorchSharp has no memory-format argument, so the layout is made by strides: a [N, C, H, W] view of
/// contiguous [N, H, W, C] data, which LibTorch recognises as channels-last and keeps through the network.
/// </summary>
internal static class ChannelsLast
{
    public static Tensor Of(Tensor nchw)
    {
        using Tensor nhwc = nchw.permute(0, 2, 3, 1);
        using Tensor dense = nhwc.contiguous();
        return dense.permute(0, 3, 1, 2);
    }

    /// <summary>Stores the convolution's kernel channels-last (an inference-only change: the new kernel needs no gradient).</summary>
    public static void Use(Conv2d convolution)
    {
        using var noGrad = no_grad();
        convolution.weight = new Parameter(Of(convolution.weight!), requires_grad: false);
    }
}
