namespace Siamese.Model.Imaging;

/// <summary>How images are decoded: one gray channel, or three RGB channels (the original's default).</summary>
public enum ColorMode
{
    Rgb,
    Grayscale,
}

public static class ColorModeExtensions
{
    public static int Channels(this ColorMode mode) => mode == ColorMode.Grayscale ? 1 : 3;

    public static ColorMode FromChannels(int channels) => channels == 1 ? ColorMode.Grayscale : ColorMode.Rgb;
}
