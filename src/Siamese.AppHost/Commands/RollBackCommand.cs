using Microsoft.Extensions.DependencyInjection;
using Siamese.Storage.Promotion;

namespace Siamese.AppHost.Commands;

/// <summary>
/// "Roll back the served model": a model name serves the model it served before its current one again (ServedModels); the
/// other names keep what they serve.
/// </summary>
public static class RollBackCommand
{
    public const string Name = "roll-back-served-model";
    public static readonly string Reason = ManualPromotion.RolledBackBy(ManualPromotion.Dashboard);

    public static IResourceBuilder<T> WithRollBackCommand<T>(this IResourceBuilder<T> resource) where T : IResource =>
        resource.WithCommand(Name, "Roll back the served model",
            context => RollBackAsync(context.Services.GetRequiredService<ProductStorage>().Get<ServedModels>(),
                context.Arguments.GetString(ModelNameInput.Name), context.CancellationToken),
            new CommandOptions
            {
                Description = ManualPromotion.RollBackSummary,
                ConfirmationMessage = "Serve the model that was served before the current one again? " +
                                      "(The current one can be promoted again later.)",
                IconName = "ArrowUndo",
                UpdateState = CommandStates.EnabledWhileRunning,
                Arguments = [ModelNameInput.Create("to roll back; the other names keep what they serve")],
            });

    /// <param name="model">The model name; empty: `default`.</param>
    public static Task<ExecuteCommandResult> RollBackAsync(ServedModels served, string? model, CancellationToken cancellationToken) =>
        CommandStates.RefusalsAsFailures(async () =>
        {
            string name = ModelNameInput.Read(model);
            ServedModelPointer pointer = await served.RollBackAsync(name, Reason, cancellationToken);
            string serving = pointer.IsDefault ? "the default model" : $"models/{pointer.Checkpoint}";
            return CommandResults.Success($"Serving {serving}{ModelName.Suffix(name)} again ({pointer.Reason}); the functions " +
                                          "switch to it within seconds.");
        });
}
