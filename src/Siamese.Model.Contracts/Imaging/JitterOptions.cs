using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Siamese.Model.Imaging;

/// <summary>
/// The original's jitter: TF2 nearest resize to 130x130, a random 105x105 crop shared by both images of a pair, nearest
/// resize to the network's input size, and a horizontal flip (p = 0.5) shared by the pair. Each is an option.
/// </summary>
public sealed class JitterOptions
{
    public const string Section = "Jitter";

    [Range(1, 8192)] public int ResizeTo { get; set; } = 130;

    [Range(1, 8192)] public int CropTo { get; set; } = 105;

    [Range(0.0, 1.0)] public double FlipProbability { get; set; } = 0.5;

    /// <summary>
    /// How both resizes sample the image: HalfPixelNearest (TF2's nearest, the original's), Area, or Nearest (ImageSharp's
    /// nearest, which checkpoints recorded before HalfPixelNearest existed).
    /// </summary>
    public Resampler Resampler { get; set; } = Resampler.HalfPixelNearest;

    /// <summary>
    /// AsIs (the original's) or Light: dark-paper images are inverted so ink is always dark on light paper (see
    /// <see cref="Imaging.Paper"/>). Left out of recipes' JSON at its default, so the fingerprints of runs made before it
    /// existed stay as they were.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Paper Paper { get; set; } = Paper.AsIs;

    /// <summary>
    /// AsIs (the original's) or Redrawn: drawings are thinned to centre lines and redrawn at one pen width, size and
    /// position (see <see cref="Imaging.Strokes"/>). Left out of recipes' JSON at its default, as <see cref="Paper"/> is.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Strokes Strokes { get; set; } = Strokes.AsIs;

    /// <summary>
    /// Stretch (the original's) or Pad: images are padded to a square with their paper's colour first, keeping their aspect
    /// (see <see cref="ImageFit"/>). Left out of recipes' JSON at its default, as <see cref="Paper"/> is.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ImageFit Fit { get; set; } = ImageFit.Stretch;

    public JitterOptions Validate()
    {
        if (CropTo > ResizeTo)
            throw new InvalidInputException("jitter.crop", $"The jitter crop ({CropTo}) cannot be larger than the resize ({ResizeTo}).");
        return this;
    }
}
