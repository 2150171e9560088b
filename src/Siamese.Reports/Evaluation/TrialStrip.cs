using Siamese.Model.Evaluation;
using Siamese.Reports.Drawing;
using Siamese.Reports.Fonts;
using SkiaSharp;

namespace Siamese.Reports.Evaluation;

/// <summary>
/// One run of one-shot trials as a picture: a column per trial with the test image, the candidate the model chose
/// (green frame when right, red when wrong) and, for a wrong answer, the right candidate; each with its similarity.
/// </summary>
public static class TrialStrip
{
    public const int Thumbnail = 56;
    private const int Column = Thumbnail + 14, LabelWidth = 92, Header = 22, Caption = 16, Row = Thumbnail + Caption + 8;
    private static readonly SKColor Right = new(0x23, 0x8b, 0x45), Wrong = new(0xcb, 0x18, 0x1d), Text = new(0x33, 0x33, 0x33);

    public static int WidthFor(int trials) => LabelWidth + trials * Column + 8;

    public static int Height => Header + 3 * Row + 4;

    /// <param name="trials">Indices into the set's trials (and the result's choices and scores).</param>
    public static byte[] Render(OneShotSet set, OneShotResult result, IReadOnlyList<int> trials)
    {
        using var bitmap = new SKBitmap(WidthFor(trials.Count), Height);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var font = ReportFonts.Font(12);
        using var bold = ReportFonts.Font(12, isBold: true);
        using var ink = new SKPaint { Color = Text, IsAntialias = true };

        string[] labels = ["test image", "chosen", "right answer"];
        for (int r = 0; r < labels.Length; r++)
            canvas.DrawText(labels[r], 6, Header + r * Row + Thumbnail / 2f + 4, font, ink);

        var thumbnails = new Dictionary<string, SKBitmap>(StringComparer.Ordinal);
        try
        {
            for (int c = 0; c < trials.Count; c++)
            {
                int t = trials[c];
                OneShotTrial trial = set.Trials[t];
                int choice = result.Choices[t];
                bool correct = choice == trial.Answer;
                float x = LabelWidth + c * Column;
                using var mark = new SKPaint { Color = correct ? Right : Wrong, IsAntialias = true };
                canvas.DrawText($"{c + 1} {(correct ? "✓" : "✗")}", x + Thumbnail / 2f, 15, SKTextAlign.Center, bold, mark);

                DrawCell(canvas, Picture(trial.Query), x, 0, null, null, font, ink);
                DrawCell(
                    canvas, Picture(trial.Candidates[choice]), x, 1, Similarity(result, t, choice), correct ? Right : Wrong, font, ink);
                if (!correct)
                    DrawCell(canvas, Picture(trial.Candidates[trial.Answer]), x, 2, Similarity(result, t, trial.Answer), Right, font, ink);
            }
        }
        finally
        {
            foreach (SKBitmap thumbnail in thumbnails.Values) thumbnail.Dispose();
        }
        return Png.Encode(bitmap);

        SKBitmap Picture(string image)
        {
            if (!thumbnails.TryGetValue(image, out SKBitmap? found))
                thumbnails[image] = found = Thumbnails.FromPlanar(set.Images[image], set.Channels, set.ImageSize);
            return found;
        }
    }

    private static void DrawCell(
        SKCanvas canvas,
        SKBitmap image,
        float x,
        int row,
        double? similarity,
        SKColor? frame,
        SKFont font,
        SKPaint ink)
    {
        var box = SKRect.Create(x, Header + row * Row, Thumbnail, Thumbnail);
        Thumbnails.DrawFitted(canvas, image, box);
        if (frame is { } color)
        {
            using var border = new SKPaint { Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = 3 };
            canvas.DrawRect(SKRect.Inflate(box, 1.5f, 1.5f), border);
        }
        if (similarity is { } value)
            canvas.DrawText(value.ToString("0.00"), box.MidX, box.Bottom + Caption - 2, SKTextAlign.Center, font, ink);
    }

    private static double? Similarity(OneShotResult result, int trial, int candidate) =>
        trial < result.Scores.Count ? SimilarityScale.FromLogit(result.Scores[trial][candidate]) : null;
}
