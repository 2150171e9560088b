namespace Siamese.Model.Training.Batches;

/// <summary>
/// The training images of each class as planar bytes (C x S x S), preprocessed once, for in-batch training; with each class's
/// impostors where they were loaded (<see cref="TrainingOptions.ImpostorsPerClass"/>).
/// </summary>
public sealed class ClassImageSet(IReadOnlyList<IReadOnlyList<byte[]>> classes, int channels, int imageSize)
{
    public IReadOnlyList<IReadOnlyList<byte[]>> Classes => classes;
    public int Channels => channels;
    public int ImageSize => imageSize;

    /// <summary>Genuine images of the classes.</summary>
    public int ImageCount => classes.Sum(c => c.Count);

    /// <summary>Each class's impostors, in the order of <see cref="Classes"/>; empty when none were loaded.</summary>
    public IReadOnlyList<IReadOnlyList<byte[]>> Impostors
    {
        get => impostors;
        init => impostors = value.Count == classes.Count
            ? value
            : throw new ArgumentException($"Impostors are given for {value.Count} classes, not the set's {classes.Count}.", nameof(value));
    }

    public int ImpostorCount => impostors.Sum(c => c.Count);

    private readonly IReadOnlyList<IReadOnlyList<byte[]>> impostors = classes.Select(_ => (IReadOnlyList<byte[]>)[]).ToList();
}
