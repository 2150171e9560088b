namespace Siamese.Model.Imaging;

/// <summary>How large a prepared dataset keeps an uploaded image (see <c>StoredImage</c> in Siamese.Model).</summary>
public static class StoredImageSize
{
    /// <summary>Longest side kept by default; larger images are scaled down (aspect kept). Omniglot's 105 px stay as they are.</summary>
    public const int DefaultMaxSide = 512;
}
