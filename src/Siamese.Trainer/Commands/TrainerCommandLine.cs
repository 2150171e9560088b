using System.CommandLine;

namespace Siamese.Trainer.Commands;

/// <summary>
/// The trainer's command line: info, train, evaluate, predict, watch, models. Uploads go through the siamese tool
/// (src/Siamese.Cli), the users' way in.
/// </summary>
public static class TrainerCommandLine
{
    public static RootCommand Build(CommandContext context) =>
        new("Siamese network trainer: trains and evaluates a network that says how similar two images are.")
        {
            InfoCommand.Create(context),
            TrainCommand.Create(context),
            EvaluateCommand.Create(context),
            PredictCommand.Create(context),
            WatchCommand.Create(context),
            ModelsCommand.Create(context),
        };

    /// <param name="settings">Configuration that wins over appsettings.json and the environment.</param>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var context = new CommandContext(output, error, settings ?? new Dictionary<string, string?>());
        ParseResult parsed = Build(context).Parse(args);
        return parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
