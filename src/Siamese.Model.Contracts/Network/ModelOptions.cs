using System.ComponentModel.DataAnnotations;
using Siamese.Model.Imaging;

namespace Siamese.Model.Network;

/// <summary>The network's shape as configuration (section "Model"); defaults are <see cref="ModelConfig"/>'s, the original's.</summary>
public sealed class ModelOptions
{
    public const string Section = "Model";

    private static readonly ModelConfig Defaults = new();

    public ColorMode ColorMode { get; set; } = Defaults.InputChannels == 1 ? ColorMode.Grayscale : ColorMode.Rgb;

    [Range(8, 1024)] public int ImageSize { get; set; } = Defaults.ImageSize;

    [Range(0.001, 16.0)] public double Width { get; set; } = Defaults.Width;

    /// <summary>Residual blocks in each of the four stages, comma-separated.</summary>
    public string BlocksPerStage { get; set; } = string.Join(',', Defaults.BlocksPerStage);

    /// <summary>ECA kernel sizes: NaturalLog (the original's: 2, 2, 3, 3 at width 1) or Log2 (3, 4, 4, 5).</summary>
    public EcaKernelRule EcaKernels { get; set; } = Defaults.EcaKernels;

    /// <summary>Stride-2 padding: KerasSame (the original's: the odd pixel after) or Symmetric (one pixel each side).</summary>
    public DownsamplePadding DownsamplePadding { get; set; } = Defaults.DownsamplePadding;

    public ModelConfig ToConfig() => new ModelConfig
    {
        InputChannels = ColorMode.Channels(),
        ImageSize = ImageSize,
        Width = Width,
        BlocksPerStage = ParseBlocks(BlocksPerStage),
        EcaKernels = EcaKernels,
        DownsamplePadding = DownsamplePadding,
    }.Validate();

    private static int[] ParseBlocks(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var blocks = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.CultureInfo.InvariantCulture, out blocks[i]))
                throw new InvalidInputException("model.blocks",
                    $"Blocks per stage must be four whole numbers such as 2,2,2,2, not '{text}'.");
        }
        return blocks;
    }
}
