using System.CommandLine;
using System.Globalization;
using Siamese.Cli.Api;
using Siamese.Cli.Printing;
using Siamese.Serving.Contracts;

namespace Siamese.Cli.Commands;

/// <summary>`compare &lt;image1&gt; &lt;image2&gt;`: how similar two images are, by the model the compare API serves now.</summary>
internal static class CompareCommand
{
    public static Command Create(CliContext context)
    {
        var image1 = new Argument<string>("image1") { Description = "An image file (PNG, JPEG, BMP, GIF, WebP or TIFF)" };
        var image2 = new Argument<string>("image2") { Description = "The image to compare it with" };
        var threshold = new Option<double?>("--threshold")
        {
            Description = "The similarity from which two images count as the same, between 0 and 1 (default: the served model's " +
                          "calibrated threshold)",
        };
        var model = ModelOption.Create("whose served model compares them");
        var command = new Command("compare", "Compare two images with the served model: similarity, same or different, and the " +
                                             "model that answered.")
        {
            image1, image2, threshold, model,
        };
        command.SetAction((result, cancellationToken) => context.RunAsync(async ct =>
        {
            string name = ModelOption.Read(result, model);
            ImageFile first = await ImageFile.ReadAsync(result.GetValue(image1)!, ct);
            ImageFile second = await ImageFile.ReadAsync(result.GetValue(image2)!, ct);
            using FunctionsClient functions = context.Functions(result);
            double? asked = result.GetValue(threshold);
            CompareResponse compared = await functions.CompareAsync(name, first, second, asked, ct);
            string whose = asked is null ? $"the model's: {compared.Model.ThresholdCriterion}" : "yours";
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"similarity {compared.Similarity:F4}: {(compared.IsSame ? "same" : "different")} " +
                $"(threshold {compared.Threshold:F4}, {whose})"));
            await context.Output.WriteLineAsync($"answered by {ModelNames.Of(compared.Model, name)}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
