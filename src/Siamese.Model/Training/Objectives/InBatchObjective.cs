using Siamese.Model.Network;
using Siamese.Model.Training.Batches;
using static TorchSharp.torch;

namespace Siamese.Model.Training.Objectives;

/// <summary>
/// In-batch training: batches of <see cref="TrainingOptions.ClassesPerBatch"/> classes x
/// <see cref="TrainingOptions.ImagesPerClass"/> images, with up to <see cref="TrainingOptions.ImpostorsPerClass"/> impostors
/// of each (<see cref="InBatchSampler"/>), each image distorted (<see cref="AffineDistortion"/>,
/// <see cref="PhotometricJitter"/>), and every pair within the batch scored by the head.
/// </summary>
public sealed class InBatchObjective(SiameseNetwork network, ClassImageSet classes, TrainingOptions options, Device device)
    : ITrainingObjective
{
    private readonly InBatchSampler sampler =
        new(classes, options.ClassesPerBatch, options.ImagesPerClass, options.RotatedClasses, options.ImpostorsPerClass);

    public int StepsPerEpoch => options.StepsPerEpoch > 0 ? options.StepsPerEpoch : Math.Max(1, classes.ImageCount / sampler.BatchImages);

    public string Description =>
        $"{classes.ImageCount} images of {sampler.ClassCount} classes, batches of {sampler.BatchImages} images " +
        $"({PairsWithin(sampler.BatchImages)} pairs each)" +
        (options.ImpostorsPerClass > 0 && classes.ImpostorCount > 0
            ? $", up to {options.ImpostorsPerClass} of each class's impostors on top ({classes.ImpostorCount} impostors)"
            : "");

    public IEnumerable<TrainingBatch> Batches(int epoch)
    {
        Random random = DeterministicRandom.For(options.Seed, $"in-batch:{epoch}");
        for (int i = 0; i < StepsPerEpoch; i++)
            yield return Draw(random);
    }

    /// <summary>
    /// The loss of every pair within a batch of classes: one backbone pass embeds all images, the head scores all
    /// N(N-1)/2 unordered pairs (the head is symmetric), and same-class and different-class pairs each contribute half
    /// of the loss, however many of each the batch holds (impostors: see <see cref="InBatchPairs"/>).
    /// </summary>
    public Tensor Loss(ClassBatch batch)
    {
        double labelSmoothing = options.LabelSmoothing;
        Tensor images = batch.Images.to(device), labels = batch.Labels.to(device);
        long n = images.shape[0];
        Tensor pairs = triu_indices(n, n, 1, device: device);
        Tensor first = pairs[0], second = pairs[1];
        Tensor embeddings = network.Embed(images);
        Tensor logits = network.HeadLogits(embeddings.index_select(0, first), embeddings.index_select(0, second));
        InBatchPairs kinds = InBatchPairs.Of(labels, batch.Impostors?.to(device), first, second);
        Tensor targets = kinds.Same * (1 - labelSmoothing) + labelSmoothing / 2;
        Tensor perPair = nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction: nn.Reduction.None);
        return kinds.Loss(perPair, options.ImpostorWeight ?? TrainingOptions.DefaultImpostorWeight);
    }

    /// <summary>The next batch, distorted; its tensors belong to the batch (freed when it is disposed).</summary>
    private TrainingBatch Draw(Random random)
    {
        using var scope = NewDisposeScope();
        ClassBatch drawn = sampler.Next(random);
        Tensor distorted = AffineDistortion.Apply(drawn.Images, options.Affine, random);
        var batch = drawn with { Images = PhotometricJitter.Apply(distorted, options.Photometric, random) };
        Tensor[] tensors = batch.Impostors is { } impostors ? [batch.Images, batch.Labels, impostors] : [batch.Images, batch.Labels];
        scope.Detach(tensors);
        return new TrainingBatch(PairsWithin((int)batch.Images.shape[0]), () => Loss(batch), tensors);
    }

    private static int PairsWithin(int images) => images * (images - 1) / 2;
}
