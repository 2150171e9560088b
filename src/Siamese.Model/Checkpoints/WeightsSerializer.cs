using Siamese.Model.Network;

namespace Siamese.Model.Checkpoints;

/// <summary>Weights (parameters and BatchNorm statistics) in TorchSharp's format, to and from any stream.</summary>
public static class WeightsSerializer
{
    public static void Write(SiameseNetwork network, Stream stream)
    {
        if (network.IsOptimizedForInference)
            throw new InvalidOperationException("A network optimised for inference cannot be saved: its convolutions hold the " +
                                                "BatchNorms, whose own weights no longer apply. Save the network as loaded.");
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        network.save(writer);
    }

    public static byte[] ToBytes(SiameseNetwork network)
    {
        using var buffer = new MemoryStream();
        Write(network, buffer);
        return buffer.ToArray();
    }

    /// <summary>Loads weights into <paramref name="network"/>; a file of another shape or a damaged one is a clear error.</summary>
    public static void Read(SiameseNetwork network, Stream stream, string source)
    {
        if (network.IsOptimizedForInference)
            throw new InvalidOperationException("Weights cannot be loaded into a network optimised for inference.");
        try
        {
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            network.load(reader, strict: true);
        }
        catch (Exception ex)
            when (ex is ArgumentException or InvalidOperationException or EndOfStreamException or IOException or FormatException)
        {
            throw new InvalidInputException("checkpoint.weights-mismatch",
                $"The weights in '{source}' do not fit a network of {network.Config} ({ex.Message.TrimEnd('.')}).", ex);
        }
    }
}
