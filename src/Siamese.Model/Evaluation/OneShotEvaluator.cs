using Siamese.Model.Inference;
using Siamese.Model.Network;
using static TorchSharp.torch;

namespace Siamese.Model.Evaluation;

/// <summary>
/// N-way one-shot classification: each query is assigned to the candidate with the highest similarity.
/// Every image is embedded once (in batches); the head then scores each query against its candidates.
/// </summary>
public static class OneShotEvaluator
{
    public static OneShotResult Evaluate(SiameseNetwork network, OneShotSet set, int batchSize = 256,
        CancellationToken cancellationToken = default) =>
        Evaluate(network, set, images => Embeddings.Compute(network, images, set.Channels, set.ImageSize, batchSize, cancellationToken),
            cancellationToken);

    /// <summary>
    /// The same trials over embeddings the caller computes from the set's images (one row per image, in the order given),
    /// e.g. averaged over test-time variants; <paramref name="embed"/> runs in inference mode.
    /// </summary>
    public static OneShotResult Evaluate(SiameseNetwork network, OneShotSet set, Func<IReadOnlyList<byte[]>, Tensor> embed,
        CancellationToken cancellationToken = default) =>
        InferenceMode.Run(network, () => RunTrials(network, set, embed, cancellationToken));

    private static OneShotResult RunTrials(SiameseNetwork network, OneShotSet set, Func<IReadOnlyList<byte[]>, Tensor> embed,
        CancellationToken cancellationToken)
    {
        var keys = set.Images.Keys.ToList();
        var row = keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => (long)x.i, StringComparer.Ordinal);
        Tensor embeddings = embed(keys.Select(k => set.Images[k]).ToList());

        var choices = new List<int>(set.Trials.Count);
        var scores = new List<float[]>(set.Trials.Count);
        int correct = 0;
        foreach (var trial in set.Trials)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var trialScope = NewDisposeScope();
            Tensor candidates = embeddings.index_select(0, tensor(trial.Candidates.Select(c => row[c]).ToArray()));
            Tensor query = embeddings[row[trial.Query]].unsqueeze(0).expand_as(candidates);
            float[] logits = network.HeadLogits(query, candidates).data<float>().ToArray();
            int choice = Array.IndexOf(logits, logits.Max());
            choices.Add(choice);
            scores.Add(logits);
            if (choice == trial.Answer) correct++;
        }
        return new OneShotResult(set.Name, set.Ways, set.Trials.Count, correct, choices) { Scores = scores };
    }
}
