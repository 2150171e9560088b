using System.CommandLine;
using Siamese.Model.Evaluation;

namespace Siamese.Trainer.Commands;

/// <summary>Options several commands take, declared once, and checks of single option values.</summary>
internal static class SharedOptions
{
    public static Option<string> Checkpoint() => new("--checkpoint")
    {
        Description = "A checkpoint folder (epoch-NNNN), its checkpoint.json, or a training output folder (uses best.json)",
        Required = true,
    };

    /// <summary>isSame's similarity threshold: strictly between 0 and 1, the compare API's default unless given.</summary>
    public static Option<double> Threshold(string description)
    {
        var option = new Option<double>("--threshold") { Description = description, DefaultValueFactory = _ => SimilarityScale.DefaultSameThreshold };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or >= 1) result.AddError($"{option.Name} must be between 0 and 1 (exclusive).");
        });
        return option;
    }

    public static Option<int> AtLeastOne(this Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError($"{option.Name} must be at least 1.");
        });
        return option;
    }
}
