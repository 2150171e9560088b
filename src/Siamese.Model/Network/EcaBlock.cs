using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Siamese.Model.Network;

/// <summary>
/// Efficient Channel Attention: global average pool → 1-D convolution across channels (no bias) → sigmoid →
/// rescale the input's channels. The kernel size follows an <see cref="EcaKernelRule"/>.
/// </summary>
public sealed class EcaBlock : nn.Module<Tensor, Tensor>
{
    private readonly AdaptiveAvgPool2d pool;
    private readonly Conv1d conv;
    private readonly long padLeft, padRight;

    public EcaBlock(string name, int channels, EcaKernelRule rule = EcaKernelRule.Log2) : base(name)
    {
        KernelSize = KernelSizeFor(channels, rule);
        // 'same' padding done by hand: for even kernels one more on the right, as TensorFlow pads.
        padLeft = (KernelSize - 1) / 2;
        padRight = KernelSize - 1 - padLeft;
        pool = nn.AdaptiveAvgPool2d(1);
        conv = nn.Conv1d(1, 1, KernelSize, padding: 0L, bias: false);
        RegisterComponents();
    }

    public int KernelSize { get; }

    public static int KernelSizeFor(int channels, EcaKernelRule rule)
    {
        double log = rule == EcaKernelRule.NaturalLog ? Math.Log(channels) : Math.Log2(channels);
        return Math.Max(1, (int)Math.Abs((log + 1) / 2));
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long batch = input.shape[0], channels = input.shape[1];
        Tensor attention = nn.functional.pad(pool.call(input).view(batch, 1, channels), [padLeft, padRight]);
        attention = sigmoid(conv.call(attention)).view(batch, channels, 1, 1);
        // Without autograd the input (a stage's output, used by nothing else) is rescaled where it lies.
        return is_grad_enabled() ? (input * attention).MoveToOuterDisposeScope() : input.mul_(attention);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { pool.Dispose(); conv.Dispose(); }
        base.Dispose(disposing);
    }
}
