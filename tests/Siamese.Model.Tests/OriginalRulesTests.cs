namespace Siamese.Model.Tests;

/// <summary>
/// The original's network rules, pinned to values worked out by hand from the TensorFlow description: the ECA kernel
/// sizes (tf.math.log is natural; its 2 is the op's name) and Keras padding='same' for the stride-2 convolutions.
/// </summary>
public class OriginalRulesTests
{
    [Theory]
    // int(|(ln C + 1) / 2|): ln 64 = 4.159 → 2.58 → 2; ln 128 = 4.852 → 2.93 → 2; ln 256 = 5.545 → 3.27 → 3; ln 512 = 6.238 → 3.62 → 3
    [InlineData(EcaKernelRule.NaturalLog, new[] { 2, 2, 3, 3 })]
    // int(|(log2 C + 1) / 2|): 7/2, 8/2, 9/2, 10/2 → 3, 4, 4, 5
    [InlineData(EcaKernelRule.Log2, new[] { 3, 4, 4, 5 })]
    public void Eca_kernel_sizes_at_64_128_256_and_512_channels(EcaKernelRule rule, int[] expected)
    {
        Assert.Equal(expected, new[] { 64, 128, 256, 512 }.Select(c => EcaBlock.KernelSizeFor(c, rule)));
    }

    [Fact]
    public void Keras_same_pads_a_stride_2_convolution_of_an_even_input_with_nothing_before_and_one_after()
    {
        Assert.Equal((0L, 1L), KerasPadding.Split(4, kernelSize: 3, stride: 2));
        Assert.Equal((1L, 1L), KerasPadding.Split(5, kernelSize: 3, stride: 2));
        Assert.Equal((1L, 1L), KerasPadding.Split(4, kernelSize: 3, stride: 1));
    }

    /// <summary>
    /// A 1-channel stride-2 block on the 4x4 input 1..16, made to pass its first convolution through: conv1 sums each
    /// 3x3 window (weights 1), conv2 is the identity, the shortcut is zero, BatchNorm in eval mode divides by
    /// sqrt(1 + 1e-3) twice. Keras 'same' pads a zero row below and a zero column to the right, so the windows start at
    /// rows and columns 0 and 2:
    ///   [1 2 3; 5 6 7; 9 10 11] = 54      [3 4 0; 7 8 0; 11 12 0] = 45
    ///   [9 10 11; 13 14 15; 0 0 0] = 72   [11 12 0; 15 16 0; 0 0 0] = 54
    /// Symmetric padding (one pixel on every side) starts them at -1 and 1: 14, 30, 57, 99 (not the original's).
    /// </summary>
    [Theory]
    [InlineData(DownsamplePadding.KerasSame, new float[] { 54, 45, 72, 54 })]
    [InlineData(DownsamplePadding.Symmetric, new float[] { 14, 30, 57, 99 })]
    public void A_stride_2_block_samples_the_windows_its_padding_rule_gives(DownsamplePadding padding, float[] windowSums)
    {
        using var block = new ResidualBlock("block", inChannels: 1, outChannels: 1, stride: 2, padding);
        var parameters = block.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
        {
            parameters["conv1.weight"].fill_(1);
            parameters["conv1.bias"].zero_();
            parameters["conv2.weight"].zero_();
            parameters["conv2.weight"][0, 0, 1, 1] = tensor(1f);
            parameters["conv2.bias"].zero_();
            parameters["downsample.weight"].zero_();
            parameters["downsample.bias"].zero_();
        }
        block.eval();
        using Tensor input = arange(1, 17, dtype: float32).reshape(1, 1, 4, 4);

        using Tensor output = block.call(input);

        float scale = 1f / (1f + 1e-3f);
        Assert.Equal([1, 1, 2, 2], output.shape);
        float[] actual = output.data<float>().ToArray();
        for (int i = 0; i < 4; i++) Assert.Equal(windowSums[i] * scale, actual[i], 3);
    }
}
