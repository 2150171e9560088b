using System.CommandLine;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Model.Recipes;
using Siamese.Storage.Uploads;

namespace Siamese.Trainer.Commands;

/// <summary>
/// `upload`: puts a zip into the container raw (connection setting Storage), where the pipeline picks it up, with its
/// recipe choice as blob metadata. The upload is never replaced: an existing blob of that name is an error.
/// </summary>
internal static class UploadCommand
{
    public static Command Create(CommandContext context)
    {
        var zip = new Argument<string>("zip") { Description = "The zip of labelled images (one folder per class)" };
        var name = new Option<string?>("--name") { Description = "The blob name in raw/ (default: the file's name)" };
        var recipe = new Option<string?>("--recipe")
        {
            Description = $"The recipe to train: {string.Join(" or ", TrainingRecipes.Presets.Keys)} " +
                          $"(default: the pipeline's, {TrainingRecipes.Default})",
        };
        var set = new Option<string[]>("--set") { Description = "A single recipe value, e.g. --set Training:Epochs=2 (repeatable)" };
        var command = new Command("upload", "Upload a zip into raw/ for the pipeline to prepare and train, with its recipe choice " +
                                            "as blob metadata.")
        {
            zip, name, recipe, set,
        };

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, async (services, ct) =>
        {
            string path = result.GetValue(zip)!;
            RawUpload upload = await RawUploads.UploadAsync(services.GetRequiredService<BlobServiceClient>(), path,
                result.GetValue(name), result.GetValue(recipe), result.GetValue(set) ?? [], ct);
            await context.Output.WriteLineAsync(upload.Describe(path));
            return 0;
        }, cancellationToken));
        return command;
    }
}
