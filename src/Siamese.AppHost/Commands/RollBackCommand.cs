using Microsoft.Extensions.DependencyInjection;
using Siamese.Storage.Promotion;

namespace Siamese.AppHost.Commands;

/// <summary>"Roll back the served model": serve the model served before the current one again (ServedModels).</summary>
public static class RollBackCommand
{
    public const string Name = "roll-back-served-model";
    public const string Reason = "rolled back from the Aspire dashboard";

    public static IResourceBuilder<T> WithRollBackCommand<T>(this IResourceBuilder<T> resource) where T : IResource =>
        resource.WithCommand(Name, "Roll back the served model",
            context => RollBackAsync(context.Services.GetRequiredService<ProductStorage>().Get<ServedModels>(),
                context.CancellationToken),
            new CommandOptions
            {
                Description = "Serves the model that was served before the current one (the default model if there was none).",
                ConfirmationMessage = "Serve the model that was served before the current one again? " +
                                      "(The current one can be promoted again later.)",
                IconName = "ArrowUndo",
                UpdateState = CommandStates.EnabledWhileRunning,
            });

    public static Task<ExecuteCommandResult> RollBackAsync(ServedModels served, CancellationToken cancellationToken) =>
        CommandStates.RefusalsAsFailures(async () =>
        {
            ServedModelPointer pointer = await served.RollBackAsync(ModelName.Default, Reason, cancellationToken);
            string model = pointer.IsDefault ? "the default model" : $"models/{pointer.Checkpoint}";
            return CommandResults.Success($"Serving {model} again ({pointer.Reason}); the functions switch to it within seconds.");
        });
}
