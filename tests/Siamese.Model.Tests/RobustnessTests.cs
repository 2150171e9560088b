using Siamese.Model.Evaluation.Robustness;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Model.Tests;

/// <summary>
/// The perturbations of the robustness table, on a real Omniglot drawing (black ink on white, 105x105): each does what
/// its name says, by measures of the ink worked out from the drawing itself, and does it the same way every time.
/// </summary>
public class RobustnessTests
{
    private static Image<Rgba32> Drawing() => Image.Load<Rgba32>(SampleImages.SomeCharacters(1)[0].Bytes);

    private static Image<Rgba32> Perturbed(string name)
    {
        Image<Rgba32> image = Drawing();
        ImagePerturbations.Named([name])[0].Apply(image);
        return image;
    }

    /// <summary>The dark pixels: their count, centre and bounding box.</summary>
    private static (int Count, double X, double Y, int Width, int Height) Ink(Image<Rgba32> image)
    {
        int count = 0, minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        double sumX = 0, sumY = 0;
        for (int y = 0; y < image.Height; y++)
        for (int x = 0; x < image.Width; x++)
        {
            if (image[x, y].R >= 128) continue;
            (count, sumX, sumY) = (count + 1, sumX + x, sumY + y);
            (minX, minY, maxX, maxY) = (Math.Min(minX, x), Math.Min(minY, y), Math.Max(maxX, x), Math.Max(maxY, y));
        }
        return (count, sumX / count, sumY / count, maxX - minX + 1, maxY - minY + 1);
    }

    [Fact]
    public void Thicker_strokes_cover_every_ink_pixel_and_more_thinner_strokes_keep_only_ink()
    {
        using Image<Rgba32> drawing = Drawing(), thicker = Perturbed("thicker"), thinner = Perturbed("thinner");
        int grown = 0, shrunk = 0;
        for (int y = 0; y < drawing.Height; y++)
        for (int x = 0; x < drawing.Width; x++)
        {
            bool ink = drawing[x, y].R < 128;
            if (ink) Assert.True(thicker[x, y].R < 128, $"thicker lost the ink at ({x}, {y})");
            else if (thicker[x, y].R < 128) grown++;
            if (!ink) Assert.True(thinner[x, y].R >= 128, $"thinner drew ink at ({x}, {y})");
            else if (thinner[x, y].R >= 128) shrunk++;
        }
        Assert.True(grown > Ink(drawing).Count / 4, $"only {grown} pixels became ink");
        Assert.True(shrunk > Ink(drawing).Count / 4, $"only {shrunk} ink pixels became paper");
        Assert.True(Ink(thinner).Count > 0, "thinner erased the drawing");
    }

    [Theory]
    [InlineData("scale-0.7", 0.7)]
    [InlineData("scale-1.3", 1.3)]
    public void Scaling_changes_the_ink_bounding_box_by_its_factor_about_the_centre(string name, double factor)
    {
        using Image<Rgba32> drawing = Drawing(), scaled = Perturbed(name);
        var (before, after) = (Ink(drawing), Ink(scaled));
        Assert.InRange(after.Width, before.Width * factor - 3, before.Width * factor + 3);
        Assert.InRange(after.Height, before.Height * factor - 3, before.Height * factor + 3);
        // The ink's centre moves towards (or away from) the image's centre by the same factor.
        double centre = drawing.Width / 2.0;
        Assert.InRange(after.X, centre + (before.X - centre) * factor - 1.5, centre + (before.X - centre) * factor + 1.5);
    }

    [Fact]
    public void Shifting_moves_the_ink_right_and_down_by_its_fraction_of_the_side()
    {
        using Image<Rgba32> drawing = Drawing(), shifted = Perturbed("shifted");
        double expected = ImagePerturbations.ShiftFraction * drawing.Width;
        var (before, after) = (Ink(drawing), Ink(shifted));
        Assert.InRange(after.X - before.X, expected - 1, expected + 1);
        Assert.InRange(after.Y - before.Y, expected - 1, expected + 1);
    }

    [Theory]
    [InlineData("rotate-cw", 1)]
    [InlineData("rotate-ccw", -1)]
    public void Rotation_turns_the_ink_about_the_centre_in_its_direction(string name, int clockwise)
    {
        using Image<Rgba32> drawing = Drawing(), rotated = Perturbed(name);
        var (before, after) = (Ink(drawing), Ink(rotated));
        double c = drawing.Width / 2.0, angle = clockwise * ImagePerturbations.RotationDegrees * Math.PI / 180;
        // Clockwise on screen (y down): (dx, dy) -> (dx cos - dy sin, dx sin + dy cos).
        double dx = before.X - c, dy = before.Y - c;
        double x = c + dx * Math.Cos(angle) - dy * Math.Sin(angle), y = c + dx * Math.Sin(angle) + dy * Math.Cos(angle);
        Assert.InRange(after.X, x - 1.5, x + 1.5);
        Assert.InRange(after.Y, y - 1.5, y + 1.5);
        Assert.InRange(after.Count, before.Count * 0.85, before.Count * 1.15);
    }

    [Fact]
    public void Inverting_turns_every_channel_around_and_JPEG_changes_little()
    {
        using Image<Rgba32> drawing = Drawing(), inverted = Perturbed("inverted"), jpeg = Perturbed("jpeg");
        double jpegError = 0;
        for (int y = 0; y < drawing.Height; y++)
        for (int x = 0; x < drawing.Width; x++)
        {
            Assert.Equal(255 - drawing[x, y].G, inverted[x, y].G);
            jpegError += Math.Abs(drawing[x, y].G - jpeg[x, y].G);
        }
        double mean = jpegError / (drawing.Width * drawing.Height);
        Assert.InRange(mean, 0.01, 20); // lossy, but still the drawing
    }

    [Fact]
    public void Every_perturbation_gives_the_same_pixels_every_time()
    {
        foreach (ImagePerturbation perturbation in ImagePerturbations.All)
        {
            using Image<Rgba32> first = Perturbed(perturbation.Name), second = Perturbed(perturbation.Name);
            var (a, b) = (new Rgba32[first.Width * first.Height], new Rgba32[second.Width * second.Height]);
            first.CopyPixelDataTo(a);
            second.CopyPixelDataTo(b);
            Assert.True(a.SequenceEqual(b), $"{perturbation.Name} is not deterministic");
        }
    }

    [Fact]
    public void An_unknown_perturbation_is_refused_with_the_known_names()
    {
        var error = Assert.Throws<InvalidInputException>(() => ImagePerturbations.Named(["blur"]));
        Assert.Contains("'blur'", error.Message);
        Assert.All(ImagePerturbations.All, p => Assert.Contains(p.Name, error.Message));
    }

    [Fact]
    public void Robustness_reevaluates_the_same_trials_with_only_the_queries_perturbed()
    {
        using var network = new SiameseNetwork(new ModelConfig { Width = 0.125, InputChannels = 1 });
        var loader = new OneShotSetLoader(new PairPreprocessor(new JitterOptions(), 32), ColorMode.Grayscale);
        using ImageArchive archive = ImageArchive.Open(SampleImages.Background2);
        var classes = ClassIndex.Build(archive.Entries).Classes;
        OneShotSet clean = loader.Sample(archive, classes, ways: 5, trialCount: 10, seed: 3, "robustness");
        OneShotResult cleanResult = OneShotEvaluator.Evaluate(network, clean);
        ImagePerturbation inverted = ImagePerturbations.Named(["inverted"])[0];

        OneShotSet perturbed = loader.PerturbQueries(clean, archive, inverted);
        IReadOnlyList<RobustnessRow> rows =
            RobustnessEvaluation.Evaluate(network, clean, cleanResult, archive, loader, [inverted], CancellationToken.None);

        Assert.Equal(clean.Trials.Select(t => (t.Candidates, t.Answer)), perturbed.Trials.Select(t => (t.Candidates, t.Answer)));
        Assert.All(clean.Trials.Zip(perturbed.Trials), pair =>
        {
            Assert.Equal(clean.Images[pair.First.Candidates[0]], perturbed.Images[pair.Second.Candidates[0]]);
            byte[] query = clean.Images[pair.First.Query], changed = perturbed.Images[pair.Second.Query];
            Assert.Equal(query.Select(b => (byte)(255 - b)), changed); // inverted before preprocessing, which is linear here
        });
        RobustnessRow row = Assert.Single(rows);
        Assert.Equal(OneShotEvaluator.Evaluate(network, perturbed).Correct, row.Result.Correct);
        Assert.Equal(100 * (cleanResult.Accuracy - row.Result.Accuracy), row.PointsLost, 9);
    }
}
