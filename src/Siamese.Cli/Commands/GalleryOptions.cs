using System.CommandLine;

namespace Siamese.Cli.Commands;

/// <summary>The options every gallery command shares.</summary>
internal static class GalleryOptions
{
    public static Option<string> Gallery(string description) => new("--gallery") { Description = description, Required = true };

    public static Option<int?> Top() => new("--top") { Description = "How many to list (default: the API's Serving:DefaultTopK, 5)" };

    public static Option<double?> Threshold() =>
        new("--threshold") { Description = "The similarity a match must reach (default: the served model's own threshold)" };
}
