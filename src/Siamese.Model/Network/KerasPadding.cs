using static TorchSharp.torch;

namespace Siamese.Model.Network;

/// <summary>
/// Keras' padding='same' for a square kernel and any stride: the output has ceil(input / stride) pixels a side, and the
/// padding that needs is split with the odd pixel after (bottom and right), as TensorFlow pads.
/// </summary>
public static class KerasPadding
{
    /// <summary>The input padded for a convolution with no padding of its own.</summary>
    public static Tensor Same(Tensor input, int kernelSize, int stride)
    {
        var (top, bottom) = Split(input.shape[2], kernelSize, stride);
        var (left, right) = Split(input.shape[3], kernelSize, stride);
        return nn.functional.pad(input, [left, right, top, bottom]);
    }

    /// <summary>TensorFlow's padding before and after one side of <paramref name="size"/> pixels.</summary>
    public static (long Before, long After) Split(long size, int kernelSize, int stride)
    {
        long output = (size + stride - 1) / stride;
        long total = Math.Max((output - 1) * stride + kernelSize - size, 0);
        return (total / 2, total - total / 2);
    }
}
