using System.CommandLine;
using System.CommandLine.Parsing;

namespace Siamese.Trainer.Commands;

/// <summary>Checks of single option values, reported by the parser with the option's name.</summary>
internal static class OptionRules
{
    /// <summary>A similarity threshold: strictly between 0 and 1.</summary>
    public static Option<double> Threshold(this Option<double> option)
    {
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
