using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Model.Evaluation.Robustness;

/// <summary>
/// One deterministic change to a drawing, as users' images differ from Omniglot's: its name (for tables) and the change,
/// applied in place to the decoded image.
/// </summary>
public sealed record ImagePerturbation(string Name, string Description, Action<Image<Rgba32>> Apply);
