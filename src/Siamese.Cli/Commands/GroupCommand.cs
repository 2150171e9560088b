using System.CommandLine;
using System.Globalization;
using Siamese.Cli.Api;
using Siamese.Cli.Printing;
using Siamese.Serving.Contracts;

namespace Siamese.Cli.Commands;

/// <summary>`group &lt;image&gt;...`: the images grouped into identities, with the ones that fit nowhere apart.</summary>
internal static class GroupCommand
{
    public static Command Create(CliContext context)
    {
        var images = new Argument<string[]>("images")
        {
            Description = "2 to 100 images (file names must differ)",
            Arity = ArgumentArity.OneOrMore,
        };
        var threshold = GalleryOptions.Threshold();
        var model = ModelOption.Create("whose served model compares the images");
        var command = new Command("group", "Group images into identities, without a gallery.") { images, threshold, model };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string name = ModelOption.Read(result, model);
            var files = new List<ImageFile>();
            foreach (string path in result.GetValue(images)!) files.Add(await ImageFile.ReadAsync(path, ct));
            using FunctionsClient functions = context.Functions(result);
            GroupResponse grouped = await functions.GroupAsync(name, files, result.GetValue(threshold), ct);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{grouped.Groups.Count} groups at threshold {grouped.Threshold:F4} (answered by {ModelNames.Of(grouped.Model, name)}):"));
            foreach (var (group, number) in grouped.Groups.Select((g, i) => (g, i + 1)))
                await context.Output.WriteLineAsync($"  {number}. {string.Join(' ', group)}");
            if (grouped.Ungrouped.Count > 0)
                await context.Output.WriteLineAsync($"  apart: {string.Join(' ', grouped.Ungrouped)}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
