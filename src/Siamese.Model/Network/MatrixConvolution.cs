using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Siamese.Model.Network;

/// <summary>
/// A convolution computed as one matrix product of its input's patches (im2col) with its kernel, for inference with
/// few output positions (images x pixels), as a compare's last stage has. There oneDNN's convolution is slower: it
/// reorders the whole kernel on every call, and much of a 4x4 map is border. With more positions the convolution is
/// used: where LibTorch's matrix product runs without AVX-512 (MKL on AMD CPUs), it catches up within a few images (the
/// figures: docs/benchmarks.md, "Network speed"). The matrix is a copy of the kernel: the convolution reads its own
/// layout faster than a view of the matrix.
/// </summary>
internal sealed class MatrixConvolution : IDisposable
{
    /// <summary>The most output positions (images x pixels) computed as a matrix product: two images' 4x4 maps.</summary>
    public const long MaxOutputPositions = 32;

    private readonly Conv2d convolution;
    private readonly Tensor kernel;
    private readonly Tensor bias;
    private readonly long kernelSize, stride, padding;

    public MatrixConvolution(Conv2d convolution)
    {
        this.convolution = convolution;
        using var noGrad = no_grad();
        Tensor weight = convolution.weight!;
        long outputs = weight.shape[0], inputs = weight.shape[1];
        kernelSize = convolution.kernel_size[0];
        stride = convolution.stride[0];
        padding = convolution.padding?[0] ?? 0;
        // Rows in a channels-last patch's order (kernel row, kernel column, input channel); one column per output channel.
        kernel = weight.permute(2, 3, 1, 0).reshape(kernelSize * kernelSize * inputs, outputs).contiguous();
        bias = convolution.bias!;
    }

    /// <summary>
    /// The convolution of <paramref name="input"/> [N, C, H, W], channels-last: a matrix product for at most
    /// <see cref="MaxOutputPositions"/> output positions, the convolution itself for more.
    /// </summary>
    public Tensor Apply(Tensor input)
    {
        long height = OutputSide(input.shape[2]), width = OutputSide(input.shape[3]);
        if (input.shape[0] * height * width > MaxOutputPositions) return convolution.call(input);
        using var scope = NewDisposeScope();
        Tensor pixels = input.permute(0, 2, 3, 1);
        if (padding > 0) pixels = nn.functional.pad(pixels, [0, 0, padding, padding, padding, padding]);
        Tensor patches = pixels.unfold(1, kernelSize, stride).unfold(2, kernelSize, stride);
        Tensor rows = patches.permute(0, 1, 2, 4, 5, 3).reshape(input.shape[0] * height * width, -1);
        Tensor output = addmm(bias, rows, kernel, beta: 1, alpha: 1);
        return output.view(input.shape[0], height, width, -1).permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }

    private long OutputSide(long inputSide) => (inputSide + 2 * padding - kernelSize) / stride + 1;

    public void Dispose() => kernel.Dispose();
}
