using Siamese.Model.Imaging;
using static TorchSharp.torch;

namespace Siamese.Model.Training.Batches;

/// <summary>
/// One in-batch training batch: images [N, C, S, S] in [0, 1], grouped by class, and each image's class label [N].
/// <see cref="Impostors"/> [N] (bool) marks the images that are impostors of their label's class; null when the batch has none.
/// </summary>
public sealed record ClassBatch(Tensor Images, Tensor Labels)
{
    public Tensor? Impostors { get; init; }
}

/// <summary>
/// Draws in-batch training batches: <c>classesPerBatch</c> distinct classes, <c>imagesPerClass</c> distinct images of
/// each, and up to <c>impostorsPerClass</c> of each class's impostors (labelled with the class, marked in
/// <see cref="ClassBatch.Impostors"/>). With rotated classes every class also exists turned by 90, 180 and 270 degrees, as
/// three further classes (a character turned on its side is a different character); its impostors turn with it. All
/// randomness comes from the caller's generator; without impostors to draw, it draws exactly what it did before impostors.
/// </summary>
public sealed class InBatchSampler(ClassImageSet set, int classesPerBatch, int imagesPerClass, bool rotatedClasses,
    int impostorsPerClass = 0)
{
    private int Rotations => rotatedClasses ? 4 : 1;

    /// <summary>Classes the sampler draws from (rotations included).</summary>
    public int ClassCount => set.Classes.Count * Rotations;

    /// <summary>Genuine images in a batch (impostors come on top).</summary>
    public int BatchImages => Math.Min(classesPerBatch, ClassCount) * imagesPerClass;

    public ClassBatch Next(Random random)
    {
        int classes = Math.Min(classesPerBatch, ClassCount);
        int[] chosen = random.FirstOfPermutation(ClassCount, classes);
        var parts = new List<Tensor>(classes);
        var labels = new List<long>(classes * imagesPerClass);
        var impostor = new List<bool>(classes * imagesPerClass);
        using var scope = NewDisposeScope();
        foreach (int virtualClass in chosen)
        {
            IReadOnlyList<byte[]> images = set.Classes[virtualClass / Rotations];
            int quarterTurns = virtualClass % Rotations;
            int take = Math.Min(imagesPerClass, images.Count);
            var picked = random.FirstOfPermutation(images.Count, take).Select(i => images[i]).ToList();
            IReadOnlyList<byte[]> impostors = set.Impostors[virtualClass / Rotations];
            int takeImpostors = Math.Min(impostorsPerClass, impostors.Count);
            if (takeImpostors > 0) picked.AddRange(random.FirstOfPermutation(impostors.Count, takeImpostors).Select(i => impostors[i]));
            Tensor batch = ImageTensors.ToBatch(picked, set.Channels, set.ImageSize, set.ImageSize);
            parts.Add(quarterTurns == 0 ? batch : batch.rot90(quarterTurns, (2, 3)));
            labels.AddRange(Enumerable.Repeat((long)virtualClass, take + takeImpostors));
            impostor.AddRange(Enumerable.Repeat(false, take).Concat(Enumerable.Repeat(true, takeImpostors)));
        }
        return new ClassBatch(cat(parts, 0).MoveToOuterDisposeScope(), tensor(labels.ToArray()).MoveToOuterDisposeScope())
        {
            Impostors = impostor.Contains(true) ? tensor(impostor.ToArray()).MoveToOuterDisposeScope() : null,
        };
    }
}
