using System.CommandLine;
using Siamese.Model.Checkpoints;
using Siamese.Model.Evaluation;
using Siamese.Model.Training;

namespace Siamese.Trainer.Commands;

/// <summary>Options several commands take, declared once, and checks of single option values.</summary>
internal static class SharedOptions
{
    public static Option<string> Checkpoint() => new("--checkpoint")
    {
        Description = "A checkpoint folder (epoch-NNNN), its checkpoint.json, or a training output folder (uses best.json)",
        Required = true,
    };

    /// <summary>
    /// isSame's similarity threshold: strictly between 0 and 1; when not given, the checkpoint's own
    /// (see <see cref="ThresholdOf"/>).
    /// </summary>
    public static Option<double?> Threshold(string description)
    {
        var option = new Option<double?>("--threshold")
        {
            Description = $"{description} (default: the checkpoint's calibrated threshold, else {SimilarityScale.DefaultSameThreshold})",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is <= 0 or >= 1) result.AddError($"{option.Name} must be between 0 and 1 (exclusive).");
        });
        return option;
    }

    /// <summary>The seed of what a command samples; by default training's (Training:Seed).</summary>
    public static Option<int> Seed(string description) => new("--seed")
    {
        Description = description,
        DefaultValueFactory = _ => new TrainingOptions().Seed,
    };

    /// <summary>
    /// The threshold given on the command line, else the one chosen on the checkpoint's validation pairs, else the default.
    /// </summary>
    public static double ThresholdOf(double? given, CheckpointMetadata metadata) =>
        given ?? metadata.Threshold?.Similarity ?? SimilarityScale.DefaultSameThreshold;

    public static Option<int> AtLeastOne(this Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError($"{option.Name} must be at least 1.");
        });
        return option;
    }
}
