using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Siamese.Model.Network;
using Siamese.Model.Training;
using Siamese.Trainer.Evaluation;

namespace Siamese.Trainer.Commands;

/// <summary>
/// `evaluate`: N-way one-shot accuracy of a checkpoint, on the Omniglot runs or any folder-per-class set; on data with
/// impostors, also the impostor trials and the false accepts on impostors. Its options and their rules; the work is
/// <see cref="CheckpointEvaluation"/>'s.
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
        var bfloat16 = new Option<bool>("--bfloat16")
        {
            Description = "Compute the backbone in bfloat16, as serving does where the CPU has AMX or AVX-512-BF16, to compare " +
                          "its answers with float32's (slow on other CPUs, which emulate it); not with --record",
        };
        var threshold = SharedOptions.Threshold("isSame's similarity threshold, marked in the report");
        var model = new SettingOptions(SettingSection.Model);

        var command = new Command("evaluate", "Measure N-way one-shot accuracy (each test image assigned to the most similar candidate).")
        {
            checkpoint, runs, data, heldOut, calibrate, thresholdOn, ways, trials, seed, record, report, robustness, bfloat16, threshold,
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
            if (result.GetValue(bfloat16) && result.GetValue(record))
                result.AddError("--record stores float32's scores, which serving and promotion use: leave out --bfloat16.");
        });

        command.SetAction((result, cancellationToken) =>
        {
            bool configGiven = model.AnyGiven(result);
            return CommandRunner.RunAsync(context, model.Given(result), async (services, ct) =>
            {
                // Model options on the command line state what the checkpoint must be; a mismatch is an error.
                ModelConfig? expected = configGiven ? services.GetRequiredService<IOptions<ModelOptions>>().Value.ToConfig() : null;
                var request = new EvaluationRequest(result.GetRequiredValue(checkpoint), expected)
                {
                    Runs = result.GetValue(runs),
                    Data = result.GetValue(data) ?? [],
                    HeldOut = result.GetValue(heldOut),
                    Ways = result.GetValue(ways),
                    Trials = result.GetValue(trials),
                    Seed = result.GetValue(seed),
                    Robustness = result.GetValue(robustness),
                    Calibrate = result.GetValue(calibrate),
                    ThresholdOn = result.GetValue(thresholdOn),
                    Threshold = result.GetValue(threshold),
                    Report = result.GetValue(report),
                    Record = result.GetValue(record),
                    BFloat16 = result.GetValue(bfloat16),
                };
                await new CheckpointEvaluation(context.Output).RunAsync(request, ct);
                return 0;
            }, cancellationToken);
        });
        return command;
    }
}
