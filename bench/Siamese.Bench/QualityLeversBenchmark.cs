using System.Globalization;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Network;

namespace Siamese.Bench;

/// <summary>
/// The quality levers that need no training, side by side with the checkpoints as they are, on one one-shot benchmark
/// (all_runs.zip): test-time augmentation of the first checkpoint (<see cref="AugmentedEmbeddings"/>), an ensemble of
/// all of them (the head's logits averaged per candidate), and their weights averaged (<see cref="WeightAveraging"/>,
/// when they share one configuration, e.g. epochs of one run).
/// </summary>
internal static class QualityLeversBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        string runs = args.Option("--runs") ?? "data/omniglot/all_runs.zip";
        var checkpoints = args.Select((a, i) => (a, i)).Where(x => x.a == "--checkpoint" && x.i + 1 < args.Length)
            .Select(x => args[x.i + 1]).ToList();
        if (checkpoints.Count == 0)
        {
            Console.Error.WriteLine("quality-levers: name one or more checkpoints (--checkpoint <folder> ...)");
            return Task.FromResult(2);
        }

        using ImageArchive archive = ImageArchive.Open(runs);
        Console.WriteLine($"20-way one-shot accuracy on {Path.GetFileName(runs)}; {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine("| Lever | Checkpoints | 20-way accuracy | Embeddings per image |");
        Console.WriteLine("|---|---|---:|---:|");

        var results = new List<OneShotResult>();
        var loaded = new List<(SiameseNetwork Network, CheckpointMetadata Metadata)>();
        foreach (string checkpoint in checkpoints)
        {
            var (network, metadata) = LocalCheckpointStore.Load(checkpoint);
            loaded.Add((network, metadata));
            OneShotResult result = OneShotEvaluator.Evaluate(network, TestSet(archive, metadata));
            results.Add(result);
            Row("as it is (reference)", Name(metadata), result.Accuracy, 1);
        }

        var (first, firstMetadata) = loaded[0];
        foreach (int variants in new[] { 3, AugmentedEmbeddings.Variants.Count })
            Row("test-time augmentation", Name(firstMetadata),
                AugmentedEmbeddings.Evaluate(first, TestSet(archive, firstMetadata), variants), variants);

        if (results.Count > 1)
            Row("ensemble (mean logit)", string.Join(" + ", loaded.Select(l => Name(l.Metadata))),
                EnsembleAccuracy(results, TestSet(archive, firstMetadata).Trials), results.Count);

        bool oneConfiguration = loaded.All(l => l.Metadata.Model == firstMetadata.Model
                                                && l.Metadata.Preprocessing == firstMetadata.Preprocessing);
        if (loaded.Count > 1 && oneConfiguration)
        {
            using SiameseNetwork averaged = WeightAveraging.Average(loaded.Select(l => l.Network).ToList(), firstMetadata);
            Row("weights averaged", string.Join(" + ", loaded.Select(l => Name(l.Metadata))),
                OneShotEvaluator.Evaluate(averaged, TestSet(archive, firstMetadata)).Accuracy, 1);
        }

        foreach (var (network, _) in loaded) network.Dispose();
        return Task.FromResult(0);
    }

    private static OneShotSet TestSet(ImageArchive archive, CheckpointMetadata metadata) =>
        new OneShotSetLoader(metadata.Preprocessing.ToPreprocessor(), metadata.Preprocessing.ColorMode).LoadOmniglotRuns(archive);

    /// <summary>Each trial answered by the candidate whose logit, averaged over the models, is highest.</summary>
    private static double EnsembleAccuracy(IReadOnlyList<OneShotResult> results, IReadOnlyList<OneShotTrial> trials)
    {
        int correct = 0;
        for (int t = 0; t < trials.Count; t++)
        {
            double[] mean = Enumerable.Range(0, results[0].Scores[t].Length)
                .Select(c => results.Average(r => (double)r.Scores[t][c])).ToArray();
            if (Array.IndexOf(mean, mean.Max()) == trials[t].Answer) correct++;
        }
        return (double)correct / trials.Count;
    }

    private static string Name(CheckpointMetadata metadata) => $"{metadata.RunId} epoch {metadata.Epoch}";

    private static void Row(string lever, string checkpoints, double accuracy, int embeddings) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {lever} | {checkpoints} | {accuracy * 100:F2} % | {embeddings} |"));
}
