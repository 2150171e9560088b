namespace Siamese.Model.Training.Batches;

/// <summary>The training images of each class as planar bytes (C x S x S), preprocessed once, for in-batch training.</summary>
public sealed class ClassImageSet(IReadOnlyList<IReadOnlyList<byte[]>> classes, int channels, int imageSize)
{
    public IReadOnlyList<IReadOnlyList<byte[]>> Classes => classes;
    public int Channels => channels;
    public int ImageSize => imageSize;
    public int ImageCount => classes.Sum(c => c.Count);
}
