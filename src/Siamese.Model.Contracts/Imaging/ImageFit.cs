namespace Siamese.Model.Imaging;

/// <summary>
/// How an image becomes the network's square input. Stretch: resized to the square whatever its aspect (the original's;
/// every checkpoint made before this setting existed). Pad: first padded with its paper's colour to a square, so a wide
/// scan such as a signature keeps its shape instead of being squeezed.
/// </summary>
public enum ImageFit
{
    Stretch = 0,
    Pad = 1,
}
