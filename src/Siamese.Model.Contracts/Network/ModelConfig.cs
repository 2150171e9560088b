using System.Text.Json.Serialization;

namespace Siamese.Model.Network;

/// <summary>
/// The shape of a Siamese network. Its defaults are the network's, the original's (<see cref="ModelOptions"/> takes
/// them from here): RGB 32x32 inputs, stages of [2, 2, 2, 2] residual blocks at 64/128/256/512 channels, a 512-d
/// embedding and a 512-unit head, natural-log ECA kernels and Keras 'same' stride-2 padding (11,697,675 trainable
/// parameters). <see cref="Width"/> scales every channel count and the embedding and head sizes, so tests and CPU runs can
/// use tiny models. A stored configuration that names no layer rules was made before they were recorded and is read with
/// the rules it was built with (see <see cref="IJsonOnDeserialized.OnDeserialized"/>).
/// </summary>
public sealed record ModelConfig : IJsonOnDeserialized
{
    public static readonly IReadOnlyList<int> BaseStageChannels = [64, 128, 256, 512];
    private const int BaseEmbeddingSize = 512;
    private const int BaseHeadSize = 512;

    /// <summary>1 for grayscale, 3 for RGB.</summary>
    public int InputChannels { get; init; } = 3;

    /// <summary>Side of each (square) image; a pair image is ImageSize wide and 2 x ImageSize high.</summary>
    public int ImageSize { get; init; } = 32;

    /// <summary>Multiplier of every channel count and of the embedding and head sizes.</summary>
    public double Width { get; init; } = 1.0;

    /// <summary>Residual blocks in each of the four stages.</summary>
    public IReadOnlyList<int> BlocksPerStage { get; init; } = [2, 2, 2, 2];

    /// <summary>How the ECA blocks size their kernels.</summary>
    public EcaKernelRule EcaKernels { get => ecaKernels ?? EcaKernelRule.NaturalLog; init => ecaKernels = value; }

    /// <summary>How the downsampling convolutions pad.</summary>
    public DownsamplePadding DownsamplePadding
    {
        get => downsamplePadding ?? DownsamplePadding.KerasSame;
        init => downsamplePadding = value;
    }

    // Null until set: the network's default in code; after reading a stored configuration, the rule it was built with.
    private EcaKernelRule? ecaKernels;
    private DownsamplePadding? downsamplePadding;

    /// <summary>
    /// Checkpoints made before the layer rules were recorded (the shipped default model among them, 11,697,681 parameters)
    /// were built with log2 ECA kernels and symmetric padding: a stored configuration reads as those unless it names its own.
    /// </summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        ecaKernels ??= EcaKernelRule.Log2;
        downsamplePadding ??= DownsamplePadding.Symmetric;
    }

    /// <summary>True for the original's rules (natural-log ECA kernels, Keras 'same' stride-2 padding).</summary>
    [JsonIgnore]
    public bool HasOriginalRules => EcaKernels == EcaKernelRule.NaturalLog && DownsamplePadding == DownsamplePadding.KerasSame;

    [JsonIgnore] public IReadOnlyList<int> StageChannels => BaseStageChannels.Select(Scale).ToArray();
    [JsonIgnore] public int EmbeddingSize => Scale(BaseEmbeddingSize);
    [JsonIgnore] public int HeadSize => Scale(BaseHeadSize);

    private int Scale(int channels) => Math.Max(1, (int)Math.Round(channels * Width));

    /// <summary>Throws <see cref="InvalidInputException"/> when the configuration cannot build a network.</summary>
    public ModelConfig Validate()
    {
        if (InputChannels is not (1 or 3))
            throw new InvalidInputException("model.channels", $"Input channels must be 1 (grayscale) or 3 (RGB), not {InputChannels}.");
        if (ImageSize is < 8 or > 1024)
            throw new InvalidInputException("model.image-size", $"Image size must be between 8 and 1024 pixels, not {ImageSize}.");
        if (Width is <= 0 or > 16 || double.IsNaN(Width))
            throw new InvalidInputException("model.width", $"Width multiplier must be in (0, 16], not {Width}.");
        if (BlocksPerStage.Count != 4 || BlocksPerStage.Any(b => b is < 1 or > 64))
            throw new InvalidInputException("model.blocks",
                $"Blocks per stage must be four numbers from 1 to 64 (e.g. 2,2,2,2), not {string.Join(',', BlocksPerStage)}.");
        return this;
    }

    /// <summary>Two configurations are compatible when their weights have the same names and shapes and compute alike.</summary>
    public bool Equals(ModelConfig? other) =>
        other is not null
        && InputChannels == other.InputChannels
        && ImageSize == other.ImageSize
        && StageChannels.SequenceEqual(other.StageChannels)
        && EmbeddingSize == other.EmbeddingSize
        && HeadSize == other.HeadSize
        && BlocksPerStage.SequenceEqual(other.BlocksPerStage)
        && EcaKernels == other.EcaKernels
        && DownsamplePadding == other.DownsamplePadding;

    public override int GetHashCode() => HashCode.Combine(InputChannels, ImageSize, EmbeddingSize, string.Join(',', BlocksPerStage));

    public override string ToString() =>
        $"{(InputChannels == 1 ? "grayscale" : "RGB")} {ImageSize}x{ImageSize}, width {Width:0.####} " +
        $"(channels {string.Join('/', StageChannels)}, embedding {EmbeddingSize}), blocks {string.Join(',', BlocksPerStage)}";
}
