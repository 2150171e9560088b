using System.Numerics;
using Siamese.Model.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Siamese.Model.Evaluation.Robustness;

/// <summary>
/// The perturbations the robustness table reports: strokes a pixel thicker and thinner, 0.7x and 1.3x scale, shifted off
/// centre, rotated 10° either way, inverted contrast and JPEG compression. Geometry is about the image's centre, and what
/// a change uncovers is filled with the image's background (the mean colour of its border), so a drawing stays on its
/// own paper.
/// </summary>
public static class ImagePerturbations
{
    public const double ShiftFraction = 0.12;
    public const float RotationDegrees = 10;
    public const int JpegQuality = 20;

    public static readonly IReadOnlyList<ImagePerturbation> All =
    [
        new("thicker", "strokes 1 px thicker on each side (3x3 dilation of the ink)", image => Morphology.Spread(image, ink: true)),
        new("thinner", "strokes 1 px thinner on each side (3x3 erosion of the ink)", image => Morphology.Spread(image, ink: false)),
        new("scale-0.7", "scaled to 0.7x about the centre", image => Transform(image, scale: 0.7f)),
        new("scale-1.3", "scaled to 1.3x about the centre", image => Transform(image, scale: 1.3f)),
        new("shifted", $"moved right and down by {ShiftFraction:P0} of the side", image => Transform(image, shift: ShiftFraction)),
        new("rotate-cw", $"rotated {RotationDegrees}° clockwise", image => Transform(image, degrees: RotationDegrees)),
        new("rotate-ccw", $"rotated {RotationDegrees}° anticlockwise", image => Transform(image, degrees: -RotationDegrees)),
        new("inverted", "light ink on dark paper (every channel inverted)", image => image.Mutate(c => c.Invert())),
        new("jpeg", $"JPEG at quality {JpegQuality}", CompressAsJpeg),
    ];

    /// <summary>The named perturbations, or all of them; an unknown name is refused with the list.</summary>
    public static IReadOnlyList<ImagePerturbation> Named(IReadOnlyCollection<string>? names)
    {
        if (names is not { Count: > 0 }) return All;
        var unknown = names.Where(n => All.All(p => p.Name != n)).ToList();
        if (unknown.Count > 0)
            throw new InvalidInputException("robustness.unknown-perturbation",
                $"Unknown perturbation '{unknown[0]}'; known: {string.Join(", ", All.Select(p => p.Name))}.");
        return All.Where(p => names.Contains(p.Name)).ToList();
    }

    private static void Transform(Image<Rgba32> image, float scale = 1, float degrees = 0, double shift = 0)
    {
        Color background = PaperTone.Colour(image);
        var size = image.Size();
        var centre = new Vector2(size.Width / 2f, size.Height / 2f);
        Matrix3x2 transform = Matrix3x2.CreateRotation(degrees * MathF.PI / 180, centre)
                              * Matrix3x2.CreateScale(scale, centre)
                              * Matrix3x2.CreateTranslation((float)(shift * size.Width), (float)(shift * size.Height));
        // The transform leaves transparent pixels where nothing was mapped: the image's own paper shows there.
        image.Mutate(c => c.Transform(new Rectangle(Point.Empty, size), transform, size, KnownResamplers.Bicubic)
                           .BackgroundColor(background));
    }

    private static void CompressAsJpeg(Image<Rgba32> image)
    {
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = JpegQuality });
        using Image<Rgba32> decoded = Image.Load<Rgba32>(stream.ToArray());
        image.Mutate(c => c.DrawImage(decoded, 1f));
    }
}
