using Siamese.Model.Imaging;
using static TorchSharp.torch;

namespace Siamese.Model.Training.Batches;

/// <summary>One in-batch training batch: images [N, C, S, S] in [0, 1], grouped by class, and each image's class label [N].</summary>
public sealed record ClassBatch(Tensor Images, Tensor Labels);

/// <summary>
/// Draws in-batch training batches: <c>classesPerBatch</c> distinct classes, <c>imagesPerClass</c> distinct images of
/// each. With rotated classes every class also exists turned by 90, 180 and 270 degrees, as three further classes
/// (a character turned on its side is a different character). All randomness comes from the caller's generator.
/// </summary>
public sealed class InBatchSampler(ClassImageSet set, int classesPerBatch, int imagesPerClass, bool rotatedClasses)
{
    private int Rotations => rotatedClasses ? 4 : 1;

    /// <summary>Classes the sampler draws from (rotations included).</summary>
    public int ClassCount => set.Classes.Count * Rotations;

    public int BatchImages => Math.Min(classesPerBatch, ClassCount) * imagesPerClass;

    public ClassBatch Next(Random random)
    {
        int classes = Math.Min(classesPerBatch, ClassCount);
        int[] chosen = random.FirstOfPermutation(ClassCount, classes);
        var parts = new List<Tensor>(classes);
        var labels = new List<long>(classes * imagesPerClass);
        using var scope = NewDisposeScope();
        foreach (int virtualClass in chosen)
        {
            IReadOnlyList<byte[]> images = set.Classes[virtualClass / Rotations];
            int quarterTurns = virtualClass % Rotations;
            int take = Math.Min(imagesPerClass, images.Count);
            var picked = random.FirstOfPermutation(images.Count, take).Select(i => images[i]).ToList();
            Tensor batch = ImageTensors.ToBatch(picked, set.Channels, set.ImageSize, set.ImageSize);
            parts.Add(quarterTurns == 0 ? batch : batch.rot90(quarterTurns, (2, 3)));
            labels.AddRange(Enumerable.Repeat((long)virtualClass, take));
        }
        return new ClassBatch(cat(parts, 0).MoveToOuterDisposeScope(), tensor(labels.ToArray()).MoveToOuterDisposeScope());
    }
}
