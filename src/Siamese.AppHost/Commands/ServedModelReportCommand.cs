using Microsoft.Extensions.DependencyInjection;
using Siamese.Model.Checkpoints;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.AppHost.Commands;

/// <summary>
/// "Open the served model's report". A command cannot open a browser tab, so it answers with a dialog: which model a
/// model name serves, links to its validation report and training curves, and the other names. The resource's links point
/// to `default`'s; this says whether there is anything to see (the default model has no report) and which run it is.
/// </summary>
public static class ServedModelReportCommand
{
    public const string Name = "open-served-model-report";

    public static IResourceBuilder<T> WithServedModelReportCommand<T>(this IResourceBuilder<T> functions)
        where T : IResourceWithEndpoints
    {
        EndpointReference http = functions.GetEndpoint("http");
        return functions.WithCommand(Name, "Open the served model's report",
            context =>
            {
                ProductStorage storage = context.Services.GetRequiredService<ProductStorage>();
                return ShowAsync(storage.Get<ServedModels>(), storage.Get<BlobCheckpointStore>(), new Uri(http.Url),
                    context.Arguments.GetString(ModelNameInput.Name), context.CancellationToken);
            },
            new CommandOptions
            {
                Description = "Which model answers for a model name, with links to its validation report and training curves.",
                IconName = "DocumentText",
                UpdateState = CommandStates.EnabledWhileRunning,
                Arguments = [ModelNameInput.Create("whose served model to report on")],
            });
    }

    /// <param name="functions">The base address of the functions (their http endpoint).</param>
    /// <param name="model">The model name; empty: `default`.</param>
    public static Task<ExecuteCommandResult> ShowAsync(ServedModels served, BlobCheckpointStore checkpoints, Uri functions,
        string? model, CancellationToken cancellationToken) =>
        CommandStates.RefusalsAsFailures(async () =>
        {
            string name = ModelNameInput.Read(model);
            ServedModelPointer? pointer = await served.RequireAsync(name, cancellationToken);
            if (pointer is null || pointer.IsDefault)
                return CommandResults.Failure("The default model shipped with the app answers: it has no report. " +
                                              "Upload the sample zip and let its run win the challenge, or promote a run.");
            if (await checkpoints.ReadAttachmentAsync(pointer.Checkpoint, CheckpointPictures.ReportFile, cancellationToken) is null)
                return CommandResults.Failure($"The served checkpoint models/{pointer.Checkpoint} has no {CheckpointPictures.ReportFile} " +
                                              "(a run without a validation split has no report).");
            // default's addresses stay those of the resource's links: the API takes no ?model= as default.
            string query = ModelName.IsDefault(name) ? "" : "?model=" + Uri.EscapeDataString(name);
            Uri report = new(functions, "/api/models/current/" + CheckpointPictures.ReportFile + query);
            Uri curves = new(functions, "/api/models/current/" + CheckpointPictures.CurvesFile + query);
            string names = string.Join(", ", await served.NamesAsync(cancellationToken));
            string markdown = $"""
                Served{ModelName.Suffix(name)}: **models/{pointer.Checkpoint}** ({pointer.Reason})

                - [Validation report]({report})
                - [Training curves]({curves})

                Model names: {names} (give one to see its report).
                """;
            return CommandResults.Success($"Report of models/{pointer.Checkpoint}: {report}", markdown, CommandResultFormat.Markdown,
                displayImmediately: true);
        });
}
