using Microsoft.Extensions.DependencyInjection;
using Siamese.Model.Checkpoints;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;

namespace Siamese.AppHost.Commands;

/// <summary>
/// "Open the served model's report". A command cannot open a browser tab, so it answers with a dialog: which model is
/// served, and links to its validation report and training curves. The resource's links always point there; this says
/// whether there is anything to see (the default model has no report) and which run it is.
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
                    context.CancellationToken);
            },
            new CommandOptions
            {
                Description = "Which model answers, with links to its validation report and training curves.",
                IconName = "DocumentText",
                UpdateState = CommandStates.EnabledWhileRunning,
            });
    }

    /// <param name="functions">The base address of the functions (their http endpoint).</param>
    public static Task<ExecuteCommandResult> ShowAsync(ServedModels served, BlobCheckpointStore checkpoints, Uri functions,
        CancellationToken cancellationToken) =>
        CommandStates.RefusalsAsFailures(async () =>
        {
            ServedModelPointer? pointer = await served.ReadAsync(ModelName.Default, cancellationToken);
            if (pointer is null || pointer.IsDefault)
                return CommandResults.Failure("The default model shipped with the app answers: it has no report. " +
                                              "Upload the sample zip and let its run win the challenge, or promote a run.");
            if (await checkpoints.ReadAttachmentAsync(pointer.Checkpoint, CheckpointPictures.ReportFile, cancellationToken) is null)
                return CommandResults.Failure($"The served checkpoint models/{pointer.Checkpoint} has no {CheckpointPictures.ReportFile} " +
                                              "(a run without a validation split has no report).");
            Uri report = new(functions, "/api/models/current/" + CheckpointPictures.ReportFile);
            Uri curves = new(functions, "/api/models/current/" + CheckpointPictures.CurvesFile);
            string markdown = $"""
                Served: **models/{pointer.Checkpoint}** ({pointer.Reason})

                - [Validation report]({report})
                - [Training curves]({curves})
                """;
            return CommandResults.Success($"Report of models/{pointer.Checkpoint}: {report}", markdown, CommandResultFormat.Markdown,
                displayImmediately: true);
        });
}
