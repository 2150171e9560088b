using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Siamese.Model.Imaging;

/// <summary>
/// <see cref="Strokes.Redrawn"/>: the ink is what differs from the paper (the border's mean colour) by more than half of
/// the image's largest difference; it is thinned to centre lines (<see cref="Skeleton"/>), scaled so the lines' bounding
/// box fills <see cref="BoxFraction"/> of the crop, centred, and drawn black on white with pens of one width. A blank
/// image (no pixel differs from the paper by <see cref="MinimumContrast"/>) becomes blank paper.
/// </summary>
public static class StrokeRedrawing
{
    /// <summary>The longer side of the centre lines' box, as a fraction of the crop's side.</summary>
    public const double BoxFraction = 0.8;

    /// <summary>The pen's width as a fraction of the crop's side: 5.25 px on a 105 px crop, 1.6 px at 32x32.</summary>
    public const double PenFraction = 0.05;

    /// <summary>Luminance difference (0..1) below which an image has no ink.</summary>
    public const double MinimumContrast = 0.1;

    /// <summary>Larger images are shrunk to this side before thinning, which takes one pass per pixel of stroke width.</summary>
    public const int MaxWorkingSide = 256;

    /// <summary>Replaces <paramref name="image"/> with its redrawn strokes on a <paramref name="canvas"/>-sided square.</summary>
    public static void Apply(Image image, int canvas, int crop)
    {
        // The image is replaced in the end, so it is shrunk in place: a photo is never copied at full size.
        int longer = Math.Max(image.Width, image.Height);
        if (longer > MaxWorkingSide)
        {
            var size = new Size(Math.Max(1, image.Width * MaxWorkingSide / longer), Math.Max(1, image.Height * MaxWorkingSide / longer));
            image.Mutate(c => c.Resize(size, KnownResamplers.Box, compand: false));
        }
        using Image<Rgba32> working = image.CloneAs<Rgba32>();

        bool[] lines = InkOf(working);
        Skeleton.Thin(lines, working.Width);
        using Image<L8> drawn = Draw(lines, working.Width, canvas, crop);
        image.Mutate(c => c.Resize(canvas, canvas, KnownResamplers.NearestNeighbor).DrawImage(drawn, 1f));
    }

    private static bool[] InkOf(Image<Rgba32> image)
    {
        double paper = PaperTone.Luminance(PaperTone.Colour(image));
        var difference = new double[image.Width * image.Height];
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Rgba32> row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                    difference[y * rows.Width + x] = Math.Abs(PaperTone.Luminance(row[x]) - paper);
            }
        });
        double contrast = difference.Length == 0 ? 0 : difference.Max();
        double threshold = contrast < MinimumContrast ? double.PositiveInfinity : contrast / 2;
        return difference.Select(d => d > threshold).ToArray();
    }

    private static Image<L8> Draw(bool[] lines, int width, int canvas, int crop)
    {
        var drawn = new Image<L8>(canvas, canvas, new L8(255));
        var points = Enumerable.Range(0, lines.Length).Where(i => lines[i]).Select(i => (X: i % width, Y: i / width)).ToList();
        if (points.Count == 0) return drawn;

        int minX = points.Min(p => p.X), maxX = points.Max(p => p.X), minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
        double scale = BoxFraction * crop / (Math.Max(maxX - minX, maxY - minY) + 1);
        double centreX = (minX + maxX + 1) / 2.0, centreY = (minY + maxY + 1) / 2.0;
        var pen = new Pen(drawn, PenFraction * crop / 2);
        (double X, double Y) Place(int x, int y) =>
            (canvas / 2.0 + (x + 0.5 - centreX) * scale, canvas / 2.0 + (y + 0.5 - centreY) * scale);

        // Each centre-line pixel, joined to its east, south-east, south and south-west neighbours: every link once.
        (int Dx, int Dy)[] forward = [(1, 0), (1, 1), (0, 1), (-1, 1)];
        int height = lines.Length / width;
        foreach (var (x, y) in points)
        {
            var from = Place(x, y);
            pen.Dot(from);
            foreach (var (dx, dy) in forward)
            {
                int nx = x + dx, ny = y + dy;
                if (nx >= 0 && nx < width && ny < height && lines[ny * width + nx]) pen.Line(from, Place(nx, ny));
            }
        }
        return drawn;
    }

    /// <summary>Black round dots of one radius, and lines as dots at most half a pixel apart.</summary>
    private sealed class Pen(Image<L8> image, double radius)
    {
        public void Line((double X, double Y) from, (double X, double Y) to)
        {
            double length = Math.Sqrt((to.X - from.X) * (to.X - from.X) + (to.Y - from.Y) * (to.Y - from.Y));
            int steps = Math.Max(1, (int)Math.Ceiling(length * 2));
            for (int i = 1; i <= steps; i++)
                Dot((from.X + (to.X - from.X) * i / steps, from.Y + (to.Y - from.Y) * i / steps));
        }

        public void Dot((double X, double Y) centre)
        {
            int left = Math.Max(0, (int)Math.Floor(centre.X - radius));
            int right = Math.Min(image.Width - 1, (int)Math.Ceiling(centre.X + radius));
            int top = Math.Max(0, (int)Math.Floor(centre.Y - radius));
            int bottom = Math.Min(image.Height - 1, (int)Math.Ceiling(centre.Y + radius));
            for (int y = top; y <= bottom; y++)
            for (int x = left; x <= right; x++)
            {
                double dx = x + 0.5 - centre.X, dy = y + 0.5 - centre.Y;
                if (dx * dx + dy * dy <= radius * radius) image[x, y] = new L8(0);
            }
        }
    }
}
