using System.Globalization;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Imaging;
using Siamese.Model.Inference;
using Siamese.Model.Network;

namespace Siamese.Bench;

/// <summary>
/// Verification of a query against an identity of several enrolled images, rule by rule, beside single-image compare, on
/// data laid out <c>writer/genuine/*</c> and <c>writer/forged/*</c> (SVC2004). Each writer's first <c>--enrol</c> genuine
/// images, in file name order with numbers compared as numbers (U11S1 … U11S5, not U11S1, U11S10 …), are enrolled as one
/// identity; the queries are the writer's other genuine images (positives), the writer's forgeries (negatives) and every
/// genuine image of every other writer in the data (negatives, scored separately). Single-image compare scores the same
/// queries against the first enrolled image alone. ROC AUC and equal error rate are pooled over the writers; the 95 %
/// intervals of the differences between rules come from resampling the writers (paired: each resample scores every rule).
/// </summary>
internal static class IdentityVerifyBenchmark
{
    public const string Command = "identity-verify";

    private sealed record Writer(string Name, string[] Genuine, string[] Forgeries);

    /// <summary>One rule's scores (logits of its similarity) for one writer's three kinds of query.</summary>
    private sealed record WriterScores(float[] Genuine, float[] Forgeries, float[] Others);

    public static Task<int> RunAsync(string[] args)
    {
        var checkpoints = args.Select((a, i) => (a, i)).Where(x => x.a == "--checkpoint" && x.i + 1 < args.Length)
            .Select(x => args[x.i + 1]).ToList();
        string? data = args.Option("--data");
        int enrol = args.Int("--enrol", 5);
        int resamples = args.Int("--resamples", 2000);
        if (checkpoints.Count == 0 || data is null || enrol < 1)
        {
            Console.Error.WriteLine($"{Command}: give --checkpoint <folder> (one or more), --data <zip> and --enrol N (at least 1)");
            return Task.FromResult(2);
        }

        using ImageArchive archive = ImageArchive.Open(data);
        var writers = ArchiveClasses.Index(archive).Classes
            .Where(c => c.Impostors.Count > 0 && c.Images.Count > enrol)
            .OrderBy(c => c.Name, NaturalOrder.Instance)
            .Select(c => new Writer(c.Name, c.Images.Order(NaturalOrder.Instance).ToArray(),
                c.Impostors.Order(NaturalOrder.Instance).ToArray()))
            .ToList();
        if (writers.Count < 2)
        {
            Console.Error.WriteLine($"{Command}: '{data}' needs two or more writers with forgeries and more than {enrol} genuine images");
            return Task.FromResult(2);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Command} on {Path.GetFileName(data)}, {DateTime.UtcNow:yyyy-MM-dd}: {writers.Count} writers ({writers[0].Name} .. " +
            $"{writers[^1].Name}); {enrol} enrolled each (e.g. {writers[0].Name}: " +
            $"{string.Join(", ", writers[0].Genuine.Take(enrol).Select(Path.GetFileNameWithoutExtension))}); queries: " +
            $"{writers.Sum(w => w.Genuine.Length - enrol)} genuine, {writers.Sum(w => w.Forgeries.Length)} forgeries, " +
            $"{writers.Sum(w => writers.Where(o => o != w).Sum(o => o.Genuine.Length))} of other writers; " +
            $"intervals from {resamples} resamples of the writers"));

        foreach (string checkpoint in checkpoints) Measure(checkpoint, archive, writers, enrol, resamples);
        return Task.FromResult(0);
    }

    private static void Measure(string checkpoint, ImageArchive archive, IReadOnlyList<Writer> writers, int enrol, int resamples)
    {
        var (loaded, metadata) = LocalCheckpointStore.Load(checkpoint);
        using SiameseNetwork network = loaded.OptimizeForInference();
        double threshold = metadata.Threshold?.Similarity ?? SimilarityScale.DefaultSameThreshold;
        Dictionary<string, float[]> embeddings = Embed(network, metadata.Preprocessing, archive,
            writers.SelectMany(w => w.Genuine.Concat(w.Forgeries)).ToList());

        IdentityRule[] rules = [IdentityRule.SingleImage, .. IdentityRule.Candidates];
        var scores = rules.Select(_ => new WriterScores[writers.Count]).ToArray();
        for (int w = 0; w < writers.Count; w++)
        {
            Writer writer = writers[w];
            float[][] enrolled = writer.Genuine.Take(enrol).Select(e => embeddings[e]).ToArray();
            IdentityQueryScores[] Score(IEnumerable<string> queries) =>
                ScoreQueries(network, queries.Select(q => embeddings[q]).ToList(), enrolled);
            IdentityQueryScores[] genuine = Score(writer.Genuine.Skip(enrol));
            IdentityQueryScores[] forgeries = Score(writer.Forgeries);
            IdentityQueryScores[] others = Score(writers.Where(o => o != writer).SelectMany(o => o.Genuine));
            for (int r = 0; r < rules.Length; r++)
            {
                float[] Of(IdentityQueryScores[] queries) =>
                    queries.Select(q => (float)SimilarityScale.ToLogit(rules[r].Similarity(q))).ToArray();
                scores[r][w] = new WriterScores(Of(genuine), Of(forgeries), Of(others));
            }
        }

        const int reference = 1; // the first candidate: the product's rule (IdentitySimilarity), the mean of similarities
        var (forgeryAuc, otherAuc) = ResampledAucs(scores, resamples);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{metadata.RunId} epoch {metadata.Epoch} ({checkpoint}); its threshold {threshold:0.000}"));
        Console.WriteLine("| rule | forgeries: AUC | EER | ΔAUC vs mean (95 % CI) | other writers: AUC | EER | ΔAUC vs mean (95 % CI) " +
                          "| at the threshold: genuine rejected | forgeries accepted | others accepted |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int r = 0; r < rules.Length; r++)
        {
            var forged = new VerificationScores(Pool(scores[r], s => s.Genuine), Pool(scores[r], s => s.Forgeries));
            var other = new VerificationScores(forged.Genuine, Pool(scores[r], s => s.Others));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {rules[r].Name} | {forged.RocAuc:0.000} | {forged.EqualErrorRate * 100:0.0} % | " +
                $"{Difference(forgeryAuc, r, reference)} | {other.RocAuc:0.000} | {other.EqualErrorRate * 100:0.0} % | " +
                $"{Difference(otherAuc, r, reference)} | {forged.FalseRejectRate(threshold) * 100:0.0} % | " +
                $"{forged.FalseAcceptRate(threshold) * 100:0.0} % | {other.FalseAcceptRate(threshold) * 100:0.0} % |"));
        }
    }

    /// <summary>Every entry's embedding, its image prepared as the checkpoint's model saw images in training.</summary>
    private static Dictionary<string, float[]> Embed(SiameseNetwork network, PreprocessingInfo preprocessing, ImageArchive archive,
        IReadOnlyList<string> entries)
    {
        PairPreprocessor preprocessor = preprocessing.ToPreprocessor();
        var raw = entries.Select(archive.Read).ToArray();
        var inputs = new byte[entries.Count][];
        ParallelWork.For(entries.Count, CancellationToken.None,
            i => inputs[i] = preprocessor.ToNetworkInput(raw[i], entries[i], preprocessing.ColorMode));
        float[][] rows = InferenceMode.Run(network, () => Embeddings.ToArrays(Embeddings.Compute(network, inputs,
            preprocessing.ColorMode.Channels(), preprocessor.OutputSize, batchSize: 64, CancellationToken.None)));
        return entries.Select((e, i) => (e, i)).ToDictionary(x => x.e, x => rows[x.i], StringComparer.Ordinal);
    }

    /// <summary>Each query's head logits and similarities against each enrolled embedding, and its logit against their mean.</summary>
    private static IdentityQueryScores[] ScoreQueries(SiameseNetwork network, IReadOnlyList<float[]> queries, float[][] enrolled)
    {
        float[] mean = Enumerable.Range(0, enrolled[0].Length).Select(i => enrolled.Average(e => e[i])).ToArray();
        float[][] targets = [.. enrolled, mean];
        var first = queries.SelectMany(q => targets.Select(_ => q)).ToList();
        var second = queries.SelectMany(_ => targets).ToList();
        var (logits, similarities) = InferenceMode.Run(network, () =>
        {
            var a = Embeddings.FromArrays(first).to(network.Device);
            var b = Embeddings.FromArrays(second).to(network.Device);
            return (network.HeadLogits(a, b).cpu().data<float>().ToArray(), Embeddings.Similarities(network, a, b));
        });
        int k = enrolled.Length, stride = k + 1;
        return Enumerable.Range(0, queries.Count).Select(q => new IdentityQueryScores(
            logits.AsSpan(q * stride, k).ToArray(), similarities.AsSpan(q * stride, k).ToArray(), logits[q * stride + k])).ToArray();
    }

    private static float[] Pool(IEnumerable<WriterScores> writers, Func<WriterScores, float[]> kind) =>
        writers.SelectMany(kind).ToArray();

    /// <summary>
    /// Each rule's pooled AUCs (forgeries, other writers) on <paramref name="resamples"/> resamples of the writers with
    /// replacement, the same resamples for every rule: [rule][resample].
    /// </summary>
    private static (double[][] Forgeries, double[][] Others) ResampledAucs(WriterScores[][] scores, int resamples)
    {
        int writers = scores[0].Length;
        Random random = DeterministicRandom.For(42, "identity-verify:writers");
        int[][] draws = Enumerable.Range(0, resamples)
            .Select(_ => Enumerable.Range(0, writers).Select(_ => random.Next(writers)).ToArray()).ToArray();
        double[][] Aucs(Func<WriterScores, float[]> negatives) => scores.Select(rule => draws.Select(draw =>
        {
            var chosen = draw.Select(w => rule[w]).ToArray();
            return OneShotMetrics.RocAuc(Pool(chosen, s => s.Genuine), Pool(chosen, negatives));
        }).ToArray()).ToArray();
        return (Aucs(s => s.Forgeries), Aucs(s => s.Others));
    }

    /// <summary>"+0.012 (−0.004 – +0.030)": the mean difference over resamples and its 2.5 and 97.5 percentiles.</summary>
    private static string Difference(double[][] aucs, int rule, int reference)
    {
        if (rule == reference) return "(reference)";
        double[] differences = aucs[rule].Zip(aucs[reference], (a, b) => a - b).Order().ToArray();
        double Percentile(double p) => differences[(int)Math.Clamp(Math.Round(p * (differences.Length - 1)), 0, differences.Length - 1)];
        return $"{Signed(differences.Average())} ({Signed(Percentile(0.025))} – {Signed(Percentile(0.975))})";
    }

    // Rounded first, so that a small negative difference prints as 0.000, not as "-0.000".
    private static string Signed(double value) =>
        (Math.Round(value, 3) is var rounded && rounded == 0 ? 0 : rounded).ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture);

    /// <summary>File names in order with their numbers compared as numbers: U1S2 before U1S10.</summary>
    private sealed class NaturalOrder : IComparer<string>
    {
        public static readonly NaturalOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            if (x is null || y is null) return string.CompareOrdinal(x, y);
            int i = 0, j = 0;
            while (i < x.Length && j < y.Length)
            {
                if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
                {
                    int xEnd = i, yEnd = j;
                    while (xEnd < x.Length && char.IsAsciiDigit(x[xEnd])) xEnd++;
                    while (yEnd < y.Length && char.IsAsciiDigit(y[yEnd])) yEnd++;
                    string a = x[i..xEnd].TrimStart('0'), b = y[j..yEnd].TrimStart('0');
                    int byNumber = a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
                    if (byNumber != 0) return byNumber;
                    i = xEnd;
                    j = yEnd;
                }
                else
                {
                    if (x[i] != y[j]) return x[i].CompareTo(y[j]);
                    i++;
                    j++;
                }
            }
            int rest = (x.Length - i).CompareTo(y.Length - j);
            return rest != 0 ? rest : string.CompareOrdinal(x, y);
        }
    }
}
