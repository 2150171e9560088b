using static TorchSharp.torch;

namespace Siamese.Model.Training.Objectives;

/// <summary>
/// What each pair of an in-batch batch is to the loss, as float masks over the pairs: <see cref="Same"/> (two genuine images
/// of one class), <see cref="OwnImpostor"/> (a genuine image of a class and one of its impostors: different) and
/// <see cref="OtherDifferent"/> (images of two classes, impostors included: different). Two impostors of the same class are
/// in none of them, left out of the loss: nobody knows whether two forgeries of one writer look alike.
/// </summary>
public sealed class InBatchPairs
{
    private readonly bool hasImpostors;

    private InBatchPairs(Tensor same, Tensor ownImpostor, Tensor otherDifferent, bool hasImpostors)
    {
        Same = same;
        OwnImpostor = ownImpostor;
        OtherDifferent = otherDifferent;
        this.hasImpostors = hasImpostors;
    }

    public Tensor Same { get; }

    public Tensor OwnImpostor { get; }

    public Tensor OtherDifferent { get; }

    /// <param name="labels">Each image's class [N].</param>
    /// <param name="impostors">Whether each image is an impostor of its class [N] (bool); null when none is.</param>
    /// <param name="first">The first image of each pair [P].</param>
    /// <param name="second">The second image of each pair [P].</param>
    public static InBatchPairs Of(Tensor labels, Tensor? impostors, Tensor first, Tensor second)
    {
        Tensor sameClass = labels.index_select(0, first).eq(labels.index_select(0, second));
        if (impostors is null)
        {
            Tensor same = sameClass.to_type(ScalarType.Float32);
            return new InBatchPairs(same, zeros_like(same), 1 - same, hasImpostors: false);
        }
        Tensor firstImpostor = impostors.index_select(0, first), secondImpostor = impostors.index_select(0, second);
        Tensor genuinePair = firstImpostor.logical_or(secondImpostor).logical_not();
        return new InBatchPairs(
            sameClass.logical_and(genuinePair).to_type(ScalarType.Float32),
            sameClass.logical_and(firstImpostor.logical_xor(secondImpostor)).to_type(ScalarType.Float32),
            sameClass.logical_not().to_type(ScalarType.Float32),
            hasImpostors: true);
    }

    /// <summary>
    /// The batch's loss from each pair's loss [P]: same-class pairs make one half and different pairs the other, however many
    /// of each the batch holds. Within the different half, genuine-vs-own-impostor pairs take <paramref name="impostorWeight"/>
    /// of it when the batch has any, and pairs of two classes the rest. Why a share of their own: a class's own impostors
    /// give few pairs (32 classes x 4 images with 2 impostors each: 256 of about 18,000 different pairs, under 2 %), yet
    /// they are the pairs a verifier exists to reject; pooled with the rest their gradient would be drowned, while the
    /// pairs of two classes keep the embedding spread. Without impostors this is exactly the loss from before impostors.
    /// </summary>
    public Tensor Loss(Tensor perPair, double impostorWeight)
    {
        if (!hasImpostors)
            return 0.5 * (perPair * Same).sum() / Same.sum().clamp_min(1)
                   + 0.5 * (perPair * OtherDifferent).sum() / OtherDifferent.sum().clamp_min(1);
        return (perPair * Weights(impostorWeight)).sum();
    }

    /// <summary>Each pair's weight in <see cref="Loss"/> [P]; the weights sum to 1 when both halves have pairs.</summary>
    public Tensor Weights(double impostorWeight)
    {
        Tensor own = OwnImpostor.sum();
        Tensor ownShare = own.gt(0).to_type(ScalarType.Float32) * impostorWeight;
        return 0.5 * Same / Same.sum().clamp_min(1)
               + 0.5 * ownShare * OwnImpostor / own.clamp_min(1)
               + 0.5 * (1 - ownShare) * OtherDifferent / OtherDifferent.sum().clamp_min(1);
    }
}
