using static TorchSharp.torch;

namespace Siamese.Model.Checkpoints;

/// <summary>Optimizer state (Adam's moments and step counts) in TorchSharp's format, to and from any stream.</summary>
public static class OptimizerSerializer
{
    public static void Write(optim.Optimizer optimizer, Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
    }

    public static void Read(optim.Optimizer optimizer, Stream stream, string source)
    {
        try
        {
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(reader);
        }
        catch (Exception ex)
            when (ex is ArgumentException or InvalidOperationException or EndOfStreamException or IOException or FormatException)
        {
            throw new InvalidInputException("checkpoint.optimizer-mismatch",
                $"The optimizer state in '{source}' does not fit this network ({ex.Message.TrimEnd('.')}).", ex);
        }
    }

    public static byte[] ToBytes(optim.Optimizer optimizer)
    {
        using var buffer = new MemoryStream();
        Write(optimizer, buffer);
        return buffer.ToArray();
    }
}
