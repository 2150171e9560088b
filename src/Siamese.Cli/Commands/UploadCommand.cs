using System.CommandLine;
using Siamese.Cli.Following;
using Siamese.Model.Recipes;
using Siamese.Storage;
using Siamese.Storage.Promotion;
using Siamese.Storage.Uploads;

namespace Siamese.Cli.Commands;

/// <summary>
/// `upload`: puts a zip into raw/ with its recipe choice and the model name it trains for and, with --follow, watches it until
/// that name's decision.
/// </summary>
internal static class UploadCommand
{
    public static Command Create(CliContext context)
    {
        var zip = new Argument<string>("zip") { Description = "The zip of labelled images (one folder per class)" };
        var name = new Option<string?>("--name") { Description = "The blob name in raw/ (default: the file's name)" };
        var recipe = new Option<string?>("--recipe")
        {
            Description = $"The recipe to train: {string.Join(" or ", TrainingRecipes.Presets.Keys)} (default: the pipeline's)",
        };
        var model = new Option<string?>("--model")
        {
            Description = $"The model name to train for ({ModelName.Rule}); its served model is the champion, and a win changes " +
                          "only what calls naming it get (default: default, the name every call that names none gets)",
        };
        var set = new Option<string[]>("--set") { Description = "A single recipe value, e.g. --set Training:Epochs=2 (repeatable)" };
        var follow = new Option<bool>("--follow")
        {
            Description = "Show the dataset being built, each epoch's loss and validation score, the promotion decision and the " +
                          "model that then answers; exit non-zero with the failure's code if the dataset or its run fails",
        };
        var command = new Command("upload", "Upload a zip of labelled images for the pipeline to prepare and train.")
        {
            zip, name, recipe, model, set, follow,
        };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string path = result.GetValue(zip)!;
            using StorageServices storage = context.Storage(result);
            string modelName = ModelName.Check(result.GetValue(model));
            RawUpload upload = await RawUploads.UploadAsync(storage.Blobs, path, result.GetValue(name), result.GetValue(recipe),
                result.GetValue(set) ?? [], modelName, ct);
            await context.Output.WriteLineAsync(upload.Describe(path));
            return result.GetValue(follow)
                ? await new UploadFollower(storage, context.Output).FollowAsync(upload.DatasetId, modelName, ct)
                : 0;
        }, cancellationToken));
        return command;
    }
}
