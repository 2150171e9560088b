using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Evaluation.Robustness;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Model.Training;
using Siamese.Reports.Evaluation;

namespace Siamese.Trainer.Commands;

/// <summary>
/// `evaluate`: N-way one-shot accuracy of a checkpoint, on the Omniglot runs or any folder-per-class set; on data with
/// impostors, also the impostor trials and the false accepts on impostors.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CommandContext context)
    {
        var validation = new TrainingOptions();
        var checkpoint = SharedOptions.Checkpoint();
        var runs = new Option<string?>("--runs")
        {
            Description = "The standard 20-way benchmark: data/omniglot/all_runs.zip (20 runs x 20 trials)",
        };
        var data = new Option<string[]>("--data")
        {
            Description = "Any zip or folder with one folder per class (repeat to merge several): sample N-way trials from it instead",
        };
        var heldOut = new Option<bool>("--held-out")
        {
            Description = "With --data (the checkpoint's own training data): the checkpoint's validation trials, over the classes " +
                          "its training held out, with its seed, ways and trial count",
        };
        var calibrate = new Option<bool>("--calibrate")
        {
            Description = "With --held-out: choose isSame's threshold on the trials' pairs (best balanced accuracy); " +
                          "with --record, store it in the checkpoint",
        };
        var thresholdOn = new Option<ThresholdPairs>("--threshold-on")
        {
            Description = "With --calibrate: the pairs the threshold is chosen on: classes (a class's pairs against pairs of two " +
                          "classes) or impostors (a class's genuine pairs against its impostors, where the held-out classes have them)",
            DefaultValueFactory = _ => ThresholdPairs.Classes,
        };
        var ways = new Option<int>("--ways")
        {
            Description = "Ways of the trials sampled from --data (by default those of training's validation)",
            DefaultValueFactory = _ => validation.ValidationWays,
        };
        var trials = new Option<int>("--trials")
        {
            Description = "Number of trials sampled from --data (by default that of training's validation)",
            DefaultValueFactory = _ => validation.ValidationTrials,
        };
        var seed = SharedOptions.Seed("Seed of the trials sampled from --data");
        var record = new Option<bool>("--record")
        {
            Description = "Write the scores into the checkpoint's checkpoint.json (section test), " +
                          "or with --calibrate the threshold (section threshold)",
        };
        var report = new Option<string?>("--report")
        {
            Description = "Write a self-contained HTML report to this file: accuracy, similarity histograms, ROC curve, " +
                          "every run's answers",
        };
        var robustness = new Option<bool>("--robustness")
        {
            Description = "Also measure the accuracy with the test drawings perturbed (thicker and thinner strokes, 0.7x and 1.3x " +
                          "scale, shifted, rotated, inverted, JPEG), a table printed and in the report",
        };
        var threshold = SharedOptions.Threshold("isSame's similarity threshold, marked in the report");
        var model = new SettingOptions(SettingSection.Model);

        var command = new Command("evaluate", "Measure N-way one-shot accuracy (each test image assigned to the most similar candidate).")
        {
            checkpoint, runs, data, heldOut, calibrate, thresholdOn, ways, trials, seed, record, report, robustness, threshold,
        };
        model.AddTo(command);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(runs) is null) == (result.GetValue(data) is not { Length: > 0 }))
                result.AddError("Give exactly one of --runs (the Omniglot one-shot runs) or --data (a folder-per-class set).");
            if (result.GetValue(heldOut) && result.GetValue(runs) is not null)
                result.AddError("--held-out takes the checkpoint's validation classes from --data, its training data; " +
                                "it does not apply to --runs.");
            if (result.GetValue(calibrate) && !result.GetValue(heldOut))
                result.AddError("--calibrate chooses the threshold on validation pairs: " +
                                "give --held-out with the checkpoint's training data as --data.");
            if (result.GetValue(thresholdOn) == ThresholdPairs.Impostors && !result.GetValue(calibrate))
                result.AddError("--threshold-on impostors says which pairs --calibrate chooses the threshold on: give --calibrate.");
        });

        command.SetAction((result, cancellationToken) =>
        {
            bool configGiven = model.AnyGiven(result);
            return CommandRunner.RunAsync(context, model.Given(result), async (services, ct) =>
            {
                // Model options on the command line state what the checkpoint must be; a mismatch is an error.
                ModelConfig? expected = configGiven ? services.GetRequiredService<IOptions<ModelOptions>>().Value.ToConfig() : null;
                var (network, metadata) = LocalCheckpointStore.Load(result.GetRequiredValue(checkpoint), expected);
                using var _ = network.OptimizeForInference();
                await context.Output.WriteLineAsync($"Checkpoint {metadata.RunId} epoch {metadata.Epoch}: {metadata.Model}");

                var loader = OneShotSetLoader.For(metadata.Preprocessing);
                var (set, impostorSet) = result.GetValue(heldOut)
                    ? LoadHeldOut(loader, metadata, result.GetValue(data)!)
                    : LoadSet(loader, result.GetValue(runs), result.GetValue(data), result.GetValue(ways), result.GetValue(trials),
                        result.GetValue(seed));

                OneShotResult evaluation = OneShotEvaluator.Evaluate(network, set, cancellationToken: ct);
                OneShotSummary summary = OneShotSummary.Of(set, evaluation);
                foreach (string line in summary.Lines) await context.Output.WriteLineAsync(line);

                IReadOnlyList<RobustnessRow> perturbed = [];
                if (result.GetValue(robustness))
                {
                    string[] sources = result.GetValue(runs) is { } runsZip ? [runsZip] : result.GetValue(data)!;
                    using ImageArchive archive = ImageArchive.Open(sources);
                    perturbed = RobustnessEvaluation.Evaluate(network, set, evaluation, archive, loader, ImagePerturbations.All, ct);
                    foreach (string line in RobustnessEvaluation.Lines(evaluation, perturbed)) await context.Output.WriteLineAsync(line);
                }

                ImpostorSummary? impostors = impostorSet is null
                    ? null
                    : ImpostorSummary.Of(impostorSet, OneShotEvaluator.Evaluate(network, impostorSet, cancellationToken: ct), evaluation,
                        set.Trials);

                DecisionThreshold? calibrated = null;
                if (result.GetValue(calibrate))
                {
                    calibrated = result.GetValue(thresholdOn) == ThresholdPairs.Impostors
                        ? CalibrateOnImpostors(impostors)
                        : DecisionThreshold.Choose(evaluation, set.Trials)
                          ?? throw new InvalidInputException("calibrate.no-pairs",
                              "The trials have no same-class or no different-class pairs to choose a threshold on.");
                    await context.Output.WriteLineAsync($"Calibrated {calibrated}");
                }

                if (impostors is not null)
                {
                    double at = result.GetValue(threshold) ?? calibrated?.Similarity ?? SharedOptions.ThresholdOf(null, metadata);
                    foreach (string line in impostors.Lines(at)) await context.Output.WriteLineAsync(line);
                }

                if (result.GetValue(report) is { } reportFile)
                {
                    double cut = result.GetValue(threshold) ?? calibrated?.Similarity ?? SharedOptions.ThresholdOf(null, metadata);
                    var input = new EvaluationReportInput($"{metadata.RunId} epoch {metadata.Epoch}", summary, cut, DateTimeOffset.UtcNow)
                    {
                        Robustness = perturbed,
                    };
                    string written = ReportFiles.Write(reportFile, Encoding.UTF8.GetBytes(EvaluationReport.Html(input)));
                    await context.Output.WriteLineAsync($"Report: {written}");
                }

                if (result.GetValue(record))
                {
                    // Validation trials calibrate; they are not a test: only a test benchmark's scores go into the test section.
                    TestScores scores = Scores(set, evaluation, summary);
                    string file = LocalCheckpointStore.Record(result.GetRequiredValue(checkpoint),
                        m => calibrated is not null ? m with { Threshold = calibrated } : m with { Test = scores });
                    await context.Output.WriteLineAsync($"Recorded in {file}");
                }
                return 0;
            }, cancellationToken);
        });
        return command;
    }

    private static TestScores Scores(OneShotSet set, OneShotResult evaluation, OneShotSummary summary)
    {
        var (interval, fewer) = (evaluation.Interval95, summary.Fewer);
        return new TestScores(set.Name, evaluation.Trials, evaluation.Ways, evaluation.Accuracy, interval.Low, interval.High,
            fewer?.Ways ?? evaluation.Ways, fewer?.Accuracy ?? evaluation.Accuracy,
            fewer?.Interval95.Low ?? interval.Low, fewer?.Interval95.High ?? interval.High,
            summary.Verification.RocAuc, DateTimeOffset.UtcNow);
    }

    /// <summary>The threshold of best balanced accuracy on the impostor trials' genuine pairs against their impostor pairs.</summary>
    private static DecisionThreshold CalibrateOnImpostors(ImpostorSummary? impostors)
    {
        if (impostors is null)
            throw new InvalidInputException("calibrate.no-impostors",
                "--threshold-on impostors needs impostors among the held-out classes (images under <class>/forged/, " +
                "or labels.csv's impostor column); these have none.");
        return DecisionThreshold.Choose(impostors.Impostors.Genuine, impostors.Impostors.Impostors)! with
        {
            Criterion = DecisionThreshold.ImpostorCriterionName,
        };
    }

    /// <summary>The trials, and the impostor trials over the same classes where some of them have impostors.</summary>
    private static (OneShotSet Set, OneShotSet? Impostors) LoadSet(OneShotSetLoader loader, string? runs, string[]? data, int ways,
        int trials, int seed)
    {
        if (runs is not null)
        {
            using ImageArchive archive = ImageArchive.Open(runs);
            return (loader.LoadOmniglotRuns(archive), null);
        }
        using ImageArchive source = ImageArchive.Open(data!);
        ClassIndex index = ArchiveClasses.Index(source).RequireTrainable(source.Name);
        if (trials < 1)
            throw new InvalidInputException("oneshot.trials", $"--trials must be at least 1, not {trials}.");
        return (loader.Sample(source, index.Classes, ways, trials, seed, $"{source.Name}: {index.Classes.Count} classes"),
            ImpostorTrials.Sample(source, index.Classes, trials, seed, loader));
    }

    /// <summary>
    /// The validation trials the checkpoint's training scored it on: its held-out classes of its own data, its seed, ways and
    /// count; and its impostor trials, where those classes have impostors.
    /// </summary>
    private static (OneShotSet Set, OneShotSet? Impostors) LoadHeldOut(OneShotSetLoader loader, CheckpointMetadata metadata, string[] data)
    {
        using ImageArchive source = ImageArchive.Open(data);
        if (source.ContentId != metadata.Data.Id)
            throw new InvalidInputException("held-out.other-data",
                $"'{source.Name}' (data id {source.ContentId}) is not the data the checkpoint was trained on " +
                $"({metadata.Data.Source}, id {metadata.Data.Id}); its held-out classes exist only there.");
        var training = new TrainingOptions
        {
            ValidationFraction = metadata.Training.ValidationFraction,
            MinValidationClasses = metadata.Training.MinValidationClasses,
            Seed = metadata.Training.Seed,
            ValidationWays = metadata.Metrics.ValidationWays,
            ValidationTrials = metadata.Metrics.ValidationTrials,
        };
        IReadOnlyList<ImageClass> classes = ArchiveClasses.Index(source).RequireTrainable(source.Name).Classes;
        var (_, heldOut) = ClassSplit.Split(classes, training.ValidationFraction, training.Seed, training.MinValidationClasses);
        OneShotSet set = ValidationTrials.Sample(source, heldOut, training, loader)
                         ?? throw new InvalidInputException("held-out.too-few",
                             $"The checkpoint's training held out {heldOut.Count} classes of '{source.Name}'; one-shot trials need two.");
        return (set, ImpostorTrials.Sample(source, heldOut, training, loader));
    }
}
