using System.CommandLine;
using Siamese.Cli.Api;
using Siamese.Cli.Printing;
using Siamese.Serving.Contracts;

namespace Siamese.Cli.Commands;

/// <summary>`gallery list --gallery &lt;name&gt; [--label &lt;label&gt;]`: the identities of a gallery, or one identity's images.</summary>
internal static class GalleryListCommand
{
    public static Command Create(CliContext context)
    {
        var gallery = GalleryOptions.Gallery("The gallery to list");
        var label = new Option<string?>("--label") { Description = "List this identity's images instead" };
        var model = ModelOption.Create("the gallery belongs to");
        var command = new Command("list", "List a gallery's identities (all pages), or one identity's images and user data.")
        {
            gallery, label, model,
        };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string name = ModelOption.Read(result, model), galleryName = result.GetValue(gallery)!;
            using FunctionsClient functions = context.Functions(result);
            if (result.GetValue(label) is { } labelName)
            {
                IdentityResponse identity = await functions.IdentityAsync(name, galleryName, labelName, ct);
                await context.Output.WriteLineAsync($"{identity.Label}: {Counted.Of(identity.Images.Count, "image")}" +
                                                    (identity.UserData is null ? "" : $", user data {identity.UserData}"));
                foreach (IdentityImage image in identity.Images)
                    await context.Output.WriteLineAsync($"  {image.ImageId}  enrolled {image.EnrolledUtc:u}");
                return 0;
            }
            GalleryResponse summary = await functions.GalleryAsync(name, galleryName, ct);
            await context.Output.WriteLineAsync(
                $"gallery {summary.Gallery} (model {summary.Model}): {Counted.Of(summary.Identities, "identity", "identities")}, " +
                $"{Counted.Of(summary.Images, "image")}");
            for (string? after = null; ;)
            {
                IdentityListResponse page = await functions.IdentitiesAsync(name, galleryName, after, null, ct);
                foreach (IdentitySummary identity in page.Identities)
                    await context.Output.WriteLineAsync($"  {identity.Label}  {Counted.Of(identity.Images, "image")}");
                if ((after = page.Next) is null) return 0;
            }
        }, cancellationToken));
        return command;
    }
}
