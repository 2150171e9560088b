using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Testing;

/// <summary>
/// Images made for the tests, as PNG bytes, each different by its seed: strokes on paper (drawings, wide scans) and
/// smooth gradients with noise (grey and colour photos).
/// </summary>
public static class MadeImages
{
    /// <summary>A few black strokes, 5 px wide, on white paper (as Omniglot's characters).</summary>
    public static byte[] Strokes(int seed, int width = 105, int height = 105) =>
        Drawn(seed, width, height, paper: new Rgb24(255, 255, 255), ink: new Rgb24(0, 0, 0), strokes: 4);

    /// <summary>Dark grey ink on slightly grey paper, wide (as a signature scan).</summary>
    public static byte[] WideScan(int seed, int width = 600, int height = 250) =>
        Drawn(seed, width, height, paper: new Rgb24(238, 238, 238), ink: new Rgb24(40, 40, 40), strokes: 6);

    /// <summary>Smooth light and shade with noise, as a grey photo of a face.</summary>
    public static byte[] GreyPhoto(int seed, int width = 92, int height = 112) =>
        Photo(seed, width, height, (x, y, noise) =>
        {
            byte v = Level(128 + 70 * Math.Sin(x / 14.0 + seed) + 40 * Math.Cos(y / 11.0) + noise);
            return new Rgb24(v, v, v);
        });

    /// <summary>Smooth gradients with noise whose channels differ, as a colour photo.</summary>
    public static byte[] ColourPhoto(int seed, int width = 96, int height = 96) =>
        Photo(seed, width, height, (x, y, noise) => new Rgb24(
            Level(150 + 80 * Math.Sin(x / 13.0 + seed) + noise),
            Level(110 + 70 * Math.Cos(y / 9.0) + noise),
            Level(90 + 50 * Math.Sin((x + y) / 17.0) + noise)));

    /// <summary>A zip of class folders, <paramref name="perClass"/> made images each; the seed differs for every image.</summary>
    public static byte[] Zip(Func<int, byte[]> make, int classes, int perClass, string salt)
    {
        var entries = new List<(string, byte[])>();
        for (int c = 0; c < classes; c++)
            for (int i = 0; i < perClass; i++)
                entries.Add(($"set/class{c:D2}/{i:D2}.png", make(c * 100 + i)));
        entries.Add(("set/salt.txt", System.Text.Encoding.UTF8.GetBytes(salt)));
        return TestZips.Build(entries, CompressionLevel.Fastest);
    }

    private static byte[] Drawn(int seed, int width, int height, Rgb24 paper, Rgb24 ink, int strokes)
    {
        var random = new Random(seed);
        using var image = new Image<Rgb24>(width, height, paper);
        for (int s = 0; s < strokes; s++)
        {
            // A straight stroke between two points well inside the border, drawn as discs of radius 2 along it.
            double x0 = random.Next(width / 8, width * 7 / 8), y0 = random.Next(height / 8, height * 7 / 8);
            double x1 = random.Next(width / 8, width * 7 / 8), y1 = random.Next(height / 8, height * 7 / 8);
            int steps = (int)Math.Ceiling(Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0))) + 1;
            for (int t = 0; t <= steps; t++)
            {
                int cx = (int)Math.Round(x0 + (x1 - x0) * t / steps), cy = (int)Math.Round(y0 + (y1 - y0) * t / steps);
                for (int dy = -2; dy <= 2; dy++)
                    for (int dx = -2; dx <= 2; dx++)
                        if (dx * dx + dy * dy <= 5) image[cx + dx, cy + dy] = ink;
            }
        }
        return Png(image);
    }

    private static byte[] Photo(int seed, int width, int height, Func<int, int, double, Rgb24> pixel)
    {
        var random = new Random(seed);
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = pixel(x, y, (random.NextDouble() - 0.5) * 30);
        return Png(image);
    }

    private static byte Level(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);

    private static byte[] Png(Image image)
    {
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }
}
