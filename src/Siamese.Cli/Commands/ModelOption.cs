using System.CommandLine;
using Siamese.Storage.Promotion;

namespace Siamese.Cli.Commands;

/// <summary>`--model &lt;name&gt;`: the model name a command works with; each name has its own served model.</summary>
internal static class ModelOption
{
    /// <param name="what">What the name is for, after "The model name".</param>
    /// <param name="absent">What the command does without the option.</param>
    public static Option<string?> Create(string what, string absent = $"default: {ModelName.Default}") => new("--model")
    {
        Description = $"The model name {what} ({absent}); a name is {ModelName.Rule}",
        HelpName = "name",
    };

    /// <summary>The name given, else `default`; checked before anything is read or sent, so a bad name costs nothing.</summary>
    public static string Read(ParseResult result, Option<string?> option) => ModelName.Check(result.GetValue(option));
}
