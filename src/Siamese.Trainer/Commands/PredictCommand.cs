using System.CommandLine;
using Siamese.Model.Checkpoints;
using Siamese.Reports.Prediction;
using Siamese.Trainer.Prediction;

namespace Siamese.Trainer.Commands;

/// <summary>`predict`: the similarity of pairs of any images, printed and drawn as a grid (the original's picture).</summary>
internal static class PredictCommand
{
    public static Command Create(CommandContext context)
    {
        var checkpoint = SharedOptions.Checkpoint();
        var pairs = new Option<string>("--pairs")
        {
            Description = "A list file (.txt/.csv/.tsv: two image paths per line, relative to the list), a folder or zip of " +
                          "class folders (pairs sampled across classes, half same-class), or a folder or zip of images " +
                          "(compared two by two in name order)",
            Required = true,
        };
        var outFile = new Option<string?>("--out") { Description = "Write the grid of pairs with their similarity to this PNG file" };
        var count = new Option<int>("--count") { Description = "Pairs sampled from class folders", DefaultValueFactory = _ => 12 };
        var columns = new Option<int>("--columns") { Description = "Pairs per row of the grid", DefaultValueFactory = _ => 4 };
        var seed = SharedOptions.Seed("Seed of the pairs sampled from class folders");
        var threshold = SharedOptions.Threshold("Similarity at or above which a pair is called the same");

        var command = new Command("predict", "Score pairs of images with a checkpoint: prints each similarity and, with --out, " +
                                             "draws them as a grid.")
        {
            checkpoint, pairs, outFile, count.AtLeastOne(), columns.AtLeastOne(), seed, threshold,
        };

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, async (_, ct) =>
        {
            var (network, metadata) = LocalCheckpointStore.Load(result.GetRequiredValue(checkpoint));
            using var loaded = network.OptimizeForInference();
            IReadOnlyList<PairToScore> toScore =
                PairSource.Load(result.GetRequiredValue(pairs), result.GetValue(count), result.GetValue(seed));
            IReadOnlyList<ScoredPair> scored = PairPrediction.Score(network, metadata, toScore, ct);

            double cut = SharedOptions.ThresholdOf(result.GetValue(threshold), metadata);
            await context.Output.WriteLineAsync(
                $"Checkpoint {metadata.RunId} epoch {metadata.Epoch}: {toScore.Count} pairs, same at similarity ≥ {cut:0.00}");
            foreach (ScoredPair pair in scored)
                await context.Output.WriteLineAsync(Line(pair, cut));

            if (result.GetValue(outFile) is { } path)
            {
                string written = ReportFiles.Write(path, PairGrid.Render(scored, cut, result.GetValue(columns)));
                await context.Output.WriteLineAsync($"Grid: {written}");
            }
            return 0;
        }, cancellationToken));
        return command;
    }

    private static string Line(ScoredPair pair, double cut) =>
        $"{pair.Similarity:0.0000}  {(pair.Similarity >= cut ? "same     " : "different")}  {pair.FirstName}  {pair.SecondName}" +
        (pair.SameClass is { } same ? $"  (truly {(same ? "same" : "different")})" : "");
}
