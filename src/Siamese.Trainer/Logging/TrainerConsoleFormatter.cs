using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Siamese.Trainer.Logging;

/// <summary>Progress lines for people at a terminal: "12:03:44 epoch 1/4 step 20/80 loss 0.6812 ...".</summary>
public sealed class TrainerConsoleFormatter() : ConsoleFormatter("trainer")
{
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        string level = logEntry.LogLevel switch
        {
            LogLevel.Warning => "warning: ",
            LogLevel.Error or LogLevel.Critical => "error: ",
            _ => "",
        };
        textWriter.Write($"{DateTime.Now:HH:mm:ss} {level}{message}{Environment.NewLine}");
        if (logEntry.Exception is not null) textWriter.WriteLine(logEntry.Exception);
    }
}
