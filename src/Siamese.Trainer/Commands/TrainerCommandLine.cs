using System.CommandLine;

namespace Siamese.Trainer.Commands;

/// <summary>The trainer's command line: info, train, evaluate.</summary>
public static class TrainerCommandLine
{
    /// <summary>Exit code for input the trainer cannot use (a missing file, a bad zip, a checkpoint of another config).</summary>
    public const int InvalidInput = 2;

    public static RootCommand Build(TextWriter output, TextWriter error) =>
        new("Siamese network trainer: trains and evaluates a network that says how similar two images are.")
        {
            InfoCommand.Create(output, error),
            TrainCommand.Create(output, error),
            EvaluateCommand.Create(output, error),
        };

    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ParseResult parsed = Build(output, error).Parse(args);
        return parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
