using Siamese.Model.Checkpoints;
using Siamese.Model.Evaluation;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Reports.Prediction;

namespace Siamese.Trainer.Prediction;

/// <summary>Scores pairs of image files with a checkpoint, each image preprocessed as the checkpoint says.</summary>
internal static class PairPrediction
{
    public static IReadOnlyList<ScoredPair> Score(SiameseNetwork network, CheckpointMetadata metadata, IReadOnlyList<PairToScore> pairs,
        CancellationToken cancellationToken)
    {
        PreprocessingInfo preprocessing = metadata.Preprocessing;
        PairPreprocessor preprocessor = preprocessing.ToPreprocessor();
        var inputs = new List<byte[]>(2 * pairs.Count);
        foreach (PairToScore pair in pairs)
        {
            inputs.Add(preprocessor.ToNetworkInput(pair.FirstImage, pair.FirstName, preprocessing.ColorMode));
            inputs.Add(preprocessor.ToNetworkInput(pair.SecondImage, pair.SecondName, preprocessing.ColorMode));
        }
        double[] similarities = PairScorer.Similarities(network, inputs, pairs.Select((_, i) => (2 * i, 2 * i + 1)).ToList(),
            preprocessing.ColorMode.Channels(), preprocessor.OutputSize, cancellationToken: cancellationToken);
        return pairs.Select((p, i) => new ScoredPair(p.FirstName, p.FirstImage, p.SecondName, p.SecondImage, similarities[i], p.SameClass))
            .ToList();
    }
}
