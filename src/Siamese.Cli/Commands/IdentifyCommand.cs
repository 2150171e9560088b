using System.CommandLine;
using System.Globalization;
using Siamese.Cli.Api;
using Siamese.Cli.Printing;
using Siamese.Serving.Contracts;

namespace Siamese.Cli.Commands;

/// <summary>`identify &lt;image&gt; --gallery &lt;name&gt;`: the gallery's labels most like the image (one-shot N-way).</summary>
internal static class IdentifyCommand
{
    public static Command Create(CliContext context)
    {
        var image = new Argument<string>("image") { Description = "The image to identify" };
        var gallery = new Option<string>("--gallery") { Description = "The gallery to look in (see `gallery add`)", Required = true };
        var top = new Option<int?>("--top") { Description = "How many labels to list (default: the API's Serving:DefaultTopK, 5)" };
        var model = ModelOption.Create("the gallery belongs to, whose served model embeds the image");
        var command = new Command("identify", "List the labels of a gallery most similar to an image, best first, with their scores.")
        {
            image, gallery, top, model,
        };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string name = ModelOption.Read(result, model);
            ImageFile query = await ImageFile.ReadAsync(result.GetValue(image)!, ct);
            using FunctionsClient functions = context.Functions(result);
            IdentifyResponse identified = await functions.IdentifyAsync(name, result.GetValue(gallery)!, query, result.GetValue(top), ct);
            await context.Output.WriteLineAsync(
                $"gallery {identified.Gallery}, {identified.Matches.Count} best (answered by {ModelNames.Of(identified.Model, name)}):");
            int width = identified.Matches.Select(match => match.Label.Length).DefaultIfEmpty(0).Max();
            foreach (var (match, rank) in identified.Matches.Select((match, index) => (match, index + 1)))
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {rank}. {match.Label.PadRight(width)}  {match.Score:F4}"));
            return 0;
        }, cancellationToken));
        return command;
    }
}
