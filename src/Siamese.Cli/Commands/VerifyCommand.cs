using System.CommandLine;
using System.Globalization;
using Siamese.Cli.Api;
using Siamese.Cli.Printing;
using Siamese.Serving.Contracts;

namespace Siamese.Cli.Commands;

/// <summary>`verify &lt;image&gt; --gallery &lt;name&gt; --label &lt;label&gt;`: is the image this identity?</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var image = new Argument<string>("image") { Description = "The image to verify" };
        var gallery = GalleryOptions.Gallery("The gallery the identity is in (see `gallery add`)");
        var label = new Option<string>("--label") { Description = "The identity to verify against", Required = true };
        var threshold = GalleryOptions.Threshold();
        var model = ModelOption.Create("the gallery belongs to");
        var command = new Command("verify", "Say whether an image is an identity: one similarity against all its images, and the call.")
        {
            image, gallery, label, threshold, model,
        };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string name = ModelOption.Read(result, model);
            ImageFile query = await ImageFile.ReadAsync(result.GetValue(image)!, ct);
            using FunctionsClient functions = context.Functions(result);
            VerifyResponse verified = await functions.VerifyAsync(name, result.GetValue(gallery)!, result.GetValue(label)!, query,
                result.GetValue(threshold), ct);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{verified.Label}: similarity {verified.Similarity:F4} over {Counted.Of(verified.IdentityImages, "image")}, " +
                $"{(verified.IsSame ? "the same" : "not the same")} (threshold {verified.Threshold:F4}; {verified.Rule})"));
            await context.Output.WriteLineAsync($"answered by {ModelNames.Of(verified.Model, name)}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
