using System.CommandLine;
using Siamese.Cli.Api;
using Siamese.Cli.Printing;
using Siamese.Serving.Contracts;

namespace Siamese.Cli.Commands;

/// <summary>`gallery add &lt;image&gt; --gallery &lt;name&gt; --label &lt;label&gt;`: enrols a labelled reference image.</summary>
internal static class GalleryAddCommand
{
    public static Command Create(CliContext context)
    {
        var image = new Argument<string>("image") { Description = "The reference image" };
        var gallery = new Option<string>("--gallery") { Description = "The gallery (created by its first image)", Required = true };
        var label = new Option<string>("--label")
        {
            Description = "What the image shows; the image of a label already there is replaced",
            Required = true,
        };
        var model = ModelOption.Create("the gallery belongs to (set by its first image), whose served model embeds the image");
        var command = new Command("add", "Enrol a labelled reference image in a gallery, for `identify`.")
        {
            image, gallery, label, model,
        };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string name = ModelOption.Read(result, model);
            ImageFile reference = await ImageFile.ReadAsync(result.GetValue(image)!, ct);
            using FunctionsClient functions = context.Functions(result);
            GalleryItemResponse enrolled =
                await functions.EnrolAsync(name, result.GetValue(gallery)!, result.GetValue(label)!, reference, ct);
            string items = enrolled.Items == 1 ? "1 item" : $"{enrolled.Items} items";
            await context.Output.WriteLineAsync(
                $"enrolled {enrolled.Label} in gallery {enrolled.Gallery} ({items}; embedded by {ModelNames.Of(enrolled.Model, name)})");
            return 0;
        }, cancellationToken));
        return command;
    }
}
