using static TorchSharp.torch;

namespace Siamese.Model.Torch;

/// <summary>The torch device that a setting such as "auto", "cpu" or "cuda:1" names.</summary>
public static class TorchDevice
{
    /// <summary>"auto" picks CUDA when TorchSharp reports it, else the CPU.</summary>
    public static Device Resolve(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Equals("auto", StringComparison.OrdinalIgnoreCase))
            return cuda.is_available() ? CUDA : CPU;
        if (name.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) && !cuda.is_available())
            throw new InvalidInputException("device.unavailable",
                $"Device '{name}' was asked for, but this build or machine has no CUDA " +
                "(build with -p:TorchBackend=cuda on a GPU machine).");
        try
        {
            return new Device(name);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidInputException("device.unknown", $"'{name}' is not a device: use auto, cpu or cuda[:N].", ex);
        }
    }
}
