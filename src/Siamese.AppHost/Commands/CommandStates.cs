using Siamese.Model;

namespace Siamese.AppHost.Commands;

/// <summary>What every dashboard command shares: when it can run, and how a refusal reads.</summary>
public static class CommandStates
{
    /// <summary>Enabled while the resource runs: the commands act on the stack it belongs to.</summary>
    public static ResourceCommandState EnabledWhileRunning(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    /// <summary>
    /// The product's refusals (no such run, nothing to roll back, an upload that exists) as a failed command with their own
    /// message, which already says what is wrong and what to do.
    /// </summary>
    public static async Task<ExecuteCommandResult> RefusalsAsFailures(Func<Task<ExecuteCommandResult>> command)
    {
        try
        {
            return await command();
        }
        catch (InvalidInputException ex)
        {
            return CommandResults.Failure(ex.Message);
        }
    }
}
