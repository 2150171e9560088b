using ScottPlot;
using SkiaSharp;

namespace Siamese.Reports.Fonts;

/// <summary>
/// The bundled DejaVu Sans, so pictures have their text on a machine without fonts. SkiaSharp drawing uses the
/// typefaces directly; ScottPlot finds fonts only through its process-wide resolver list, where the bundled font is
/// registered once, before the first plot.
/// </summary>
public static class ReportFonts
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<SKTypeface> regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> bold = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lazy<IFontResolver> resolver = new(() =>
    {
        var bundled = new BundledFontResolver();
        ScottPlot.Fonts.FontResolvers.Insert(0, bundled);
        return bundled;
    });

    public static SKTypeface Regular => regular.Value;

    public static SKTypeface Bold => bold.Value;

    /// <summary>A new plot whose text is set in the bundled font.</summary>
    public static Plot NewPlot()
    {
        _ = resolver.Value;
        var plot = new Plot();
        plot.Font.Set(Family);
        return plot;
    }

    public static SKFont Font(float size, bool isBold = false) => new(isBold ? Bold : Regular, size);

    private static SKTypeface Load(string file)
    {
        string resource = $"Siamese.Reports.Fonts.{file}";
        var assembly = typeof(ReportFonts).Assembly;
        using Stream stream = assembly.GetManifestResourceStream(resource)
                              ?? throw new InvalidOperationException($"The font {resource} is missing from {assembly.GetName().Name}.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The bundled font {file} could not be read.");
    }

    private sealed class BundledFontResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Family ? (bold ? Bold : Regular) : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);
    }
}
