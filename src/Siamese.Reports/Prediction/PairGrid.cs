using Siamese.Reports.Drawing;
using Siamese.Reports.Fonts;
using SkiaSharp;

namespace Siamese.Reports.Prediction;

/// <summary>A pair of images and the similarity the model gave it; <see cref="SameClass"/> when the truth is known.</summary>
public sealed record ScoredPair(
    string FirstName,
    byte[] FirstImage,
    string SecondName,
    byte[] SecondImage,
    double Similarity,
    bool? SameClass = null);

/// <summary>
/// The original's picture: a grid of image pairs with the similarity written under each, "same" or "different" by
/// isSame's threshold, and, when the truth is known, whether that call was right.
/// </summary>
public static class PairGrid
{
    public const int Thumbnail = 96;
    private const int Gap = 6, Padding = 14, CaptionHeight = 40, TitleHeight = 34;
    private const int CellWidth = 2 * Thumbnail + Gap + 2 * Padding, CellHeight = Thumbnail + CaptionHeight + 2 * Padding;
    private static readonly SKColor SameInk = new(0x23, 0x8b, 0x45), DifferentInk = new(0x25, 0x4f, 0x8c),
        WrongInk = new(0xcb, 0x18, 0x1d), NameInk = new(0x77, 0x77, 0x77);

    public static (int Width, int Height) SizeFor(int pairs, int columns)
    {
        columns = Math.Clamp(columns, 1, Math.Max(1, pairs));
        int rows = (pairs + columns - 1) / columns;
        return (columns * CellWidth, TitleHeight + rows * CellHeight);
    }

    public static byte[] Render(IReadOnlyList<ScoredPair> pairs, double threshold, int columns = 4)
    {
        if (pairs.Count == 0) throw new ArgumentException("A grid needs at least one pair.", nameof(pairs));
        columns = Math.Clamp(columns, 1, pairs.Count);
        var (width, height) = SizeFor(pairs.Count, columns);
        using var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var title = ReportFonts.Font(16, isBold: true);
        using var score = ReportFonts.Font(14, isBold: true);
        using var small = ReportFonts.Font(10);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        string heading = $"Similarity of {pairs.Count} pair{(pairs.Count == 1 ? "" : "s")} (same at ≥ {threshold:0.00})";
        canvas.DrawText(heading, Padding, 23, title, ink);

        for (int i = 0; i < pairs.Count; i++)
        {
            ScoredPair pair = pairs[i];
            float x = i % columns * CellWidth + Padding, y = TitleHeight + i / columns * CellHeight + Padding;
            using (SKBitmap? first = Thumbnails.Decode(pair.FirstImage))
                Thumbnails.DrawFitted(canvas, first, SKRect.Create(x, y, Thumbnail, Thumbnail));
            using (SKBitmap? second = Thumbnails.Decode(pair.SecondImage))
                Thumbnails.DrawFitted(canvas, second, SKRect.Create(x + Thumbnail + Gap, y, Thumbnail, Thumbnail));

            bool calledSame = pair.Similarity >= threshold;
            bool wrong = pair.SameClass is { } truth && truth != calledSame;
            string verdict = (calledSame ? "same" : "different") + (pair.SameClass is null ? "" : wrong ? " ✗" : " ✓");
            using var verdictInk = new SKPaint { Color = wrong ? WrongInk : calledSame ? SameInk : DifferentInk, IsAntialias = true };
            float middle = x + Thumbnail + Gap / 2f;
            canvas.DrawText($"{pair.Similarity:0.000} {verdict}", middle, y + Thumbnail + 18, SKTextAlign.Center, score, verdictInk);
            using var nameInk = new SKPaint { Color = NameInk, IsAntialias = true };
            canvas.DrawText(Shorten(pair.FirstName, small, Thumbnail), x + Thumbnail / 2f, y + Thumbnail + 33,
                SKTextAlign.Center, small, nameInk);
            canvas.DrawText(Shorten(pair.SecondName, small, Thumbnail), x + 1.5f * Thumbnail + Gap, y + Thumbnail + 33,
                SKTextAlign.Center, small, nameInk);
        }
        return Png.Encode(bitmap);
    }

    /// <summary>The end of a name (the file name matters most) that fits in <paramref name="width"/>.</summary>
    private static string Shorten(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width) return text;
        while (text.Length > 1 && font.MeasureText("…" + text) > width) text = text[1..];
        return "…" + text;
    }
}
