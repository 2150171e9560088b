using Siamese.Model.Inference;
using Siamese.Model.Network;
using static TorchSharp.torch;

namespace Siamese.Model.Evaluation;

public sealed record OneShotResult(string Name, int Ways, int Trials, int Correct, IReadOnlyList<int> Choices)
{
    /// <summary>The head's logit for each candidate of each trial (higher: more similar to the query).</summary>
    public IReadOnlyList<float[]> Scores { get; init; } = [];

    public double Accuracy => Trials == 0 ? 0 : (double)Correct / Trials;

    public ProportionInterval Interval95 => ProportionInterval.Wilson95(Correct, Trials);

    public override string ToString() =>
        $"{Ways}-way one-shot accuracy: {Accuracy:P2} (95 % CI {Interval95.Low:P1} – {Interval95.High:P1}, " +
        $"{Correct}/{Trials} trials, {Name})";
}

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
