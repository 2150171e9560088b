using System.CommandLine;
using System.Globalization;
using Siamese.Cli.Api;
using Siamese.Cli.Printing;
using Siamese.Serving.Contracts;

namespace Siamese.Cli.Commands;

/// <summary>
/// `identify &lt;image&gt; --gallery &lt;name&gt;`: the gallery's identities most like the image, at or above the threshold.
/// </summary>
internal static class IdentifyCommand
{
    public static Command Create(CliContext context)
    {
        var image = new Argument<string>("image") { Description = "The image to identify" };
        var gallery = GalleryOptions.Gallery("The gallery to look in (see `gallery add`)");
        var top = GalleryOptions.Top();
        var threshold = GalleryOptions.Threshold();
        var model = ModelOption.Create("the gallery belongs to, whose served model embeds the image");
        var command = new Command("identify", "List the identities of a gallery most similar to an image, best first, with their scores.")
        {
            image, gallery, top, threshold, model,
        };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string name = ModelOption.Read(result, model);
            ImageFile query = await ImageFile.ReadAsync(result.GetValue(image)!, ct);
            using FunctionsClient functions = context.Functions(result);
            IdentifyResponse identified = await functions.IdentifyAsync(name, result.GetValue(gallery)!, query, result.GetValue(top),
                result.GetValue(threshold), ct);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"gallery {identified.Gallery}, {identified.Matches.Count} at or above {identified.Threshold:F4} " +
                $"(answered by {ModelNames.Of(identified.Model, name)}):"));
            int width = identified.Matches.Select(match => match.Label.Length).DefaultIfEmpty(0).Max();
            foreach (var (match, rank) in identified.Matches.Select((match, index) => (match, index + 1)))
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {rank}. {match.Label.PadRight(width)}  {match.Score:F4}"));
            return 0;
        }, cancellationToken));
        return command;
    }
}
