using System.CommandLine;
using Siamese.Cli.Api;
using Siamese.Cli.Printing;
using Siamese.Serving.Contracts;

namespace Siamese.Cli.Commands;

/// <summary>`gallery add &lt;image&gt;... --gallery &lt;name&gt; --label &lt;label&gt;`: adds reference images to an identity.</summary>
internal static class GalleryAddCommand
{
    public static Command Create(CliContext context)
    {
        var images = new Argument<string[]>("images")
        {
            Description = "Reference images of the identity",
            Arity = ArgumentArity.OneOrMore,
        };
        var gallery = GalleryOptions.Gallery("The gallery (created by its first image)");
        var label = new Option<string>("--label")
        {
            Description = "The identity the images show (created by its first image)",
            Required = true,
        };
        var data = new Option<string?>("--data") { Description = "User data to keep with the identity (any text, e.g. JSON)" };
        var model = ModelOption.Create("the gallery belongs to (set by its first image), whose served model embeds the images");
        var command = new Command("add", "Add reference images to an identity of a gallery, for `verify`, `identify` and `similar`.")
        {
            images, gallery, label, data, model,
        };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string name = ModelOption.Read(result, model);
            string galleryName = result.GetValue(gallery)!, labelName = result.GetValue(label)!;
            using FunctionsClient functions = context.Functions(result);
            foreach (string path in result.GetValue(images)!)
            {
                EnrolledImageResponse enrolled = await functions.AddImageAsync(name, galleryName, labelName,
                    await ImageFile.ReadAsync(path, ct), ct);
                await context.Output.WriteLineAsync(
                    $"added {path} to {enrolled.Label} in gallery {enrolled.Gallery} as image {enrolled.ImageId} " +
                    $"(embedded by {ModelNames.Of(enrolled.Model, name)})");
            }
            if (result.GetValue(data) is { } userData)
                await functions.SetUserDataAsync(name, galleryName, labelName, userData, ct);
            return 0;
        }, cancellationToken));
        return command;
    }
}
