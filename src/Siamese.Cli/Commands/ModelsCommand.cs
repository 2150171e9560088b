using System.CommandLine;
using Siamese.Cli.Printing;
using Siamese.Storage;

namespace Siamese.Cli.Commands;

/// <summary>
/// `models`: every model name with the model the compare API serves for it and why (the served pointers), or with
/// --model one name and the models served before; with `promote` and `rollback`, moves a name's pointer.
/// </summary>
/// <remarks>
/// Promote and roll-back go through storage (<see cref="Storage.Promotion.ServedModels"/>, the logic the trainer and the
/// admin routes share), not the admin HTTP routes: the tool already needs the storage account for upload and status, the
/// admin key would be one more secret to hand out, and every serving instance (not only the one an HTTP call reaches)
/// picks the pointer up within Serving:ReloadIntervalSeconds.
/// </remarks>
internal static class ModelsCommand
{
    private const string What = "every model name with the model it serves, why, since when and its references; with --model, " +
                                "that name and the models it served before";

    public static Command Create(CliContext context)
    {
        var model = ShowOption();
        var models = new Command("models", $"Show {What}; promote a run's checkpoint or roll back.")
        {
            model, Show(context), ModelsPromoteCommand.Create(context), ModelsRollbackCommand.Create(context),
        };
        models.SetAction((result, cancellationToken) => ShowAsync(context, result, model, cancellationToken));
        return models;
    }

    private static Command Show(CliContext context)
    {
        var model = ShowOption();
        var show = new Command("show", $"The same as `models` alone: {What}.") { model };
        show.SetAction((result, cancellationToken) => ShowAsync(context, result, model, cancellationToken));
        return show;
    }

    private static Option<string?> ShowOption() =>
        ModelOption.Create("to show alone, with the models it served before", absent: "default: every name");

    private static Task<int> ShowAsync(CliContext context, ParseResult result, Option<string?> model,
        CancellationToken cancellationToken) =>
        context.RunAsync(async ct =>
        {
            // Checked before storage is reached; absent, every name is listed.
            string? name = result.GetValue(model) is null ? null : ModelOption.Read(result, model);
            using StorageServices storage = context.Storage(result);
            var view = new ServedModelsView(storage.ServedModels, context.Output);
            if (name is null) await view.ListAsync(ct);
            else await view.ShowAsync(name, ct);
            return 0;
        }, cancellationToken);
}
