using System.CommandLine;
using System.Globalization;
using Siamese.Cli.Api;
using Siamese.Cli.Printing;
using Siamese.Serving.Contracts;

namespace Siamese.Cli.Commands;

/// <summary>`similar &lt;image&gt; --gallery &lt;name&gt;` (or `--image-id`): the enrolled images most like an image.</summary>
internal static class SimilarCommand
{
    public static Command Create(CliContext context)
    {
        var image = new Argument<string?>("image") { Description = "The image to look for", Arity = ArgumentArity.ZeroOrOne };
        var imageId = new Option<string?>("--image-id") { Description = "Look for the enrolled image with this id instead" };
        var gallery = GalleryOptions.Gallery("The gallery to look in");
        var top = GalleryOptions.Top();
        var model = ModelOption.Create("the gallery belongs to");
        var command = new Command("similar", "List the enrolled images of a gallery most similar to an image, best first.")
        {
            image, imageId, gallery, top, model,
        };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string name = ModelOption.Read(result, model);
            ImageFile? query = result.GetValue(image) is { } path ? await ImageFile.ReadAsync(path, ct) : null;
            using FunctionsClient functions = context.Functions(result);
            SimilarResponse similar = await functions.SimilarAsync(name, result.GetValue(gallery)!, query, result.GetValue(imageId),
                result.GetValue(top), ct);
            await context.Output.WriteLineAsync(
                $"gallery {similar.Gallery}, {similar.Images.Count} most similar (answered by {ModelNames.Of(similar.Model, name)}):");
            foreach (SimilarImage found in similar.Images)
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {found.Similarity:F4}  {found.Label}  {found.ImageId}"));
            return 0;
        }, cancellationToken));
        return command;
    }
}
