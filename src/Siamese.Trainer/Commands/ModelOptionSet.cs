using System.CommandLine;
using Siamese.Model.Imaging;

namespace Siamese.Trainer.Commands;

/// <summary>The command-line options that shape the network, shared by info, train and evaluate.</summary>
internal sealed class ModelOptionSet
{
    public Option<double?> Width { get; } = new("--width") { Description = "Width multiplier of all channel counts and the embedding (default 1 = the original; 0.125 is a tiny CPU model)" };
    public Option<string?> Blocks { get; } = new("--blocks") { Description = "Residual blocks per stage, four numbers (default 2,2,2,2)" };
    public Option<ColorMode?> Color { get; } = new("--color") { Description = "Rgb (default, as the original) or Grayscale" };
    public Option<int?> ImageSize { get; } = new("--image-size") { Description = "Side of each input image in pixels (default 32)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Width);
        command.Options.Add(Blocks);
        command.Options.Add(Color);
        command.Options.Add(ImageSize);
    }

    public bool AnyGiven(ParseResult result) =>
        result.GetResult(Width) is not null || result.GetResult(Blocks) is not null
        || result.GetResult(Color) is not null || result.GetResult(ImageSize) is not null;

    public void Collect(ParseResult result, IDictionary<string, string?> overrides)
    {
        overrides.Set("Model:Width", result.GetValue(Width));
        overrides.Set("Model:ColorMode", result.GetValue(Color));
        overrides.Set("Model:ImageSize", result.GetValue(ImageSize));
        overrides.Set("Model:BlocksPerStage", result.GetValue(Blocks));
    }
}

internal static class OverrideExtensions
{
    /// <summary>Adds a configuration override only for options that were given.</summary>
    public static void Set<T>(this IDictionary<string, string?> overrides, string key, T? value)
    {
        if (value is not null)
            overrides[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
