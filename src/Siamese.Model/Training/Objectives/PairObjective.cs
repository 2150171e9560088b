using Siamese.Model.Network;
using Siamese.Model.Training.Batches;
using static TorchSharp.torch;

namespace Siamese.Model.Training.Objectives;

/// <summary>
/// The original objective: the rendered pairs, shuffled each epoch and taken <see cref="TrainingOptions.BatchSize"/> at
/// a time, each pair one term of a binary cross-entropy with label smoothing on the head's logit.
/// </summary>
public sealed class PairObjective(SiameseNetwork network, PairDataset pairs, TrainingOptions options, Device device) : ITrainingObjective
{
    public int StepsPerEpoch => (pairs.Count + options.BatchSize - 1) / options.BatchSize;

    public string Description => $"{pairs.Count} pairs ({pairs.Positives} positive)";

    public IEnumerable<TrainingBatch> Batches(int epoch)
    {
        int[] order = Enumerable.Range(0, pairs.Count).ToArray();
        DeterministicRandom.For(options.Seed, $"shuffle:{epoch}").Shuffle(order);
        for (int start = 0; start < order.Length; start += options.BatchSize)
        {
            int[] batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start)).ToArray();
            yield return new TrainingBatch(batch.Length, () => Loss(batch));
        }
    }

    /// <summary>Keras-style label smoothing of the targets (y → y(1 − s) + s/2), then binary cross-entropy on the logits.</summary>
    public Tensor Loss(int[] batch)
    {
        var (images, labels) = pairs.Batch(batch);
        Tensor targets = labels.to(device) * (1 - options.LabelSmoothing) + options.LabelSmoothing / 2;
        return nn.functional.binary_cross_entropy_with_logits(network.Logits(images.to(device)), targets);
    }
}
