using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace Siamese.Model.Imaging;

/// <summary><see cref="ImageFit.Pad"/>: pads an image to a square with the colour of its border (the paper), centred.</summary>
public static class SquarePadding
{
    public static void Apply(Image image)
    {
        if (image.Width == image.Height) return;
        int side = Math.Max(image.Width, image.Height);
        Color paper = PaperTone.Colour(image);
        image.Mutate(context => context.Pad(side, side, paper));
    }
}
