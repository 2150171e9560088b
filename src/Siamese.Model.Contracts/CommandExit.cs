namespace Siamese.Model;

/// <summary>
/// The exit codes and failure policy of both command lines, the users' siamese tool and the trainer: bad input ends as one
/// line "error: …" on standard error and exit code 2, a failure as 1, Ctrl+C as "cancelled" and 130.
/// </summary>
public static class CommandExit
{
    /// <summary>A dataset or its training run failed, or a service failed (HTTP 5xx).</summary>
    public const int Failed = 1;

    /// <summary>
    /// Bad input: a missing file, a bad zip, an unknown recipe or setting, a checkpoint of another configuration, a request
    /// refused as bad (HTTP 4xx), no storage or functions app to talk to.
    /// </summary>
    public const int InvalidInput = 2;

    public const int Cancelled = 130;

    /// <summary>
    /// Runs a command's body under the policy. <see cref="InvalidInputException"/> is bad input everywhere;
    /// <paramref name="explain"/> gives the message and exit code of a host's own exceptions (null: not one of them, it
    /// propagates).
    /// </summary>
    public static async Task<int> RunAsync(TextWriter error, Func<CancellationToken, Task<int>> body,
        Func<Exception, (string Message, int ExitCode)?> explain, CancellationToken cancellationToken)
    {
        try
        {
            return await body(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("cancelled");
            return Cancelled;
        }
        catch (Exception ex) when (Explain(ex, explain) is { } failure)
        {
            await error.WriteLineAsync($"error: {failure.Message}");
            return failure.ExitCode;
        }
    }

    private static (string Message, int ExitCode)? Explain(Exception ex, Func<Exception, (string Message, int ExitCode)?> explain) =>
        ex is InvalidInputException ? (ex.Message, InvalidInput) : explain(ex);
}
