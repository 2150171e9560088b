using Microsoft.Extensions.DependencyInjection;
using Siamese.Storage.Promotion;

namespace Siamese.AppHost.Commands;

/// <summary>
/// "Promote a run": an operator serves a run's checkpoint under a model name from now on, whatever its score (ServedModels);
/// the other names keep what they serve.
/// </summary>
public static class PromoteRunCommand
{
    public const string Name = "promote-run";
    public const string RunIdArgument = "runId";
    public const string CheckpointArgument = "checkpoint";
    public const string ReasonArgument = "reason";
    public static readonly string DefaultReason = ManualPromotion.PromotedBy(ManualPromotion.Dashboard);

    public static IResourceBuilder<T> WithPromoteRunCommand<T>(this IResourceBuilder<T> resource) where T : IResource =>
        resource.WithCommand(Name, "Promote a run",
            context => PromoteAsync(context.Services.GetRequiredService<ProductStorage>().Get<ServedModels>(),
                context.Arguments.GetString(ModelNameInput.Name), context.Arguments.GetString(RunIdArgument),
                context.Arguments.GetString(CheckpointArgument), context.Arguments.GetString(ReasonArgument), context.CancellationToken),
            new CommandOptions
            {
                Description = ManualPromotion.PromoteSummary,
                IconName = "Rocket",
                UpdateState = CommandStates.EnabledWhileRunning,
                // The dashboard asks for these before it runs the command.
                Arguments =
                [
                    new InteractionInput
                    {
                        Name = RunIdArgument, Label = "Run id", InputType = InputType.Text, Required = true,
                        Description = ManualPromotion.RunDescription,
                    },
                    new InteractionInput
                    {
                        Name = CheckpointArgument, Label = "Checkpoint", InputType = InputType.Text, Placeholder = "epoch-0003",
                        Description = ManualPromotion.CheckpointDescription,
                    },
                    new InteractionInput
                    {
                        Name = ReasonArgument, Label = "Reason", InputType = InputType.Text, Placeholder = DefaultReason,
                        Description = ManualPromotion.ReasonDescription,
                    },
                    ModelNameInput.Create("to serve it under (a new name exists from this promotion on); only its answers change"),
                ],
            });

    /// <param name="model">The model name; empty: `default`.</param>
    public static Task<ExecuteCommandResult> PromoteAsync(ServedModels served, string? model, string? runId, string? checkpoint,
        string? reason, CancellationToken cancellationToken) =>
        CommandStates.RefusalsAsFailures(async () =>
        {
            string name = ModelNameInput.Read(model);
            if (string.IsNullOrWhiteSpace(runId)) return CommandResults.Failure("Give the id of the run to promote (models/{runId}/).");
            ServedModelPointer pointer = await served.PromoteRunAsync(name, runId.Trim(), NullIfBlank(checkpoint),
                NullIfBlank(reason) ?? DefaultReason, cancellationToken);
            return CommandResults.Success($"Serving models/{pointer.Checkpoint}{ModelName.Suffix(name)} from now on " +
                                          $"({pointer.Reason}); the functions switch to it within seconds.");
        });

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
