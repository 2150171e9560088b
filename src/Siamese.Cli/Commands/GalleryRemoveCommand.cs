using System.CommandLine;
using Siamese.Cli.Api;

namespace Siamese.Cli.Commands;

/// <summary>
/// `gallery remove --gallery &lt;name&gt; [--label &lt;label&gt; [--image &lt;id&gt;]]`: removes an image, an identity or a
/// gallery.
/// </summary>
internal static class GalleryRemoveCommand
{
    public static Command Create(CliContext context)
    {
        var gallery = GalleryOptions.Gallery("The gallery; alone, the whole gallery is deleted");
        var label = new Option<string?>("--label") { Description = "Remove this identity (with all its images)" };
        var image = new Option<string?>("--image")
        {
            Description = "With --label: remove only this image (its id, from `gallery list --label`)",
        };
        var model = ModelOption.Create("the gallery belongs to");
        var command = new Command("remove", "Remove an image of an identity, an identity, or a whole gallery.")
        {
            gallery, label, image, model,
        };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string galleryName = result.GetValue(gallery)!;
            string? labelName = result.GetValue(label), imageId = result.GetValue(image);
            if (imageId is not null && labelName is null)
                throw new Model.InvalidInputException("gallery.image-without-label", "--image needs the --label it belongs to.");
            using FunctionsClient functions = context.Functions(result);
            await functions.RemoveAsync(ModelOption.Read(result, model), galleryName, labelName, imageId, ct);
            await context.Output.WriteLineAsync(imageId is not null ? $"removed image {imageId} of {labelName} from gallery {galleryName}"
                : labelName is not null ? $"removed {labelName} from gallery {galleryName}"
                : $"deleted gallery {galleryName}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
