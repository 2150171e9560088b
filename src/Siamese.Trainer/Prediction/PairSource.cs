using Siamese.Model;
using Siamese.Model.Data;
using Siamese.Model.Imaging;

namespace Siamese.Trainer.Prediction;

/// <summary>Two image files to compare; <see cref="SameClass"/> is known when they come from class folders.</summary>
internal sealed record PairToScore(string FirstName, byte[] FirstImage, string SecondName, byte[] SecondImage, bool? SameClass);

/// <summary>
/// The pairs `predict` scores, from a list file (two image paths per line), a folder or zip of class folders (pairs
/// sampled across the classes, half of them same-class), or a folder or zip of images (taken two by two in name order).
/// </summary>
internal static class PairSource
{
    public const int MaxPairs = 200;
    private static readonly string[] ListExtensions = [".txt", ".csv", ".tsv", ".lst"];

    public static IReadOnlyList<PairToScore> Load(string source, int count, int seed)
    {
        if (File.Exists(source) && ListExtensions.Contains(Path.GetExtension(source).ToLowerInvariant()))
            return Limit(FromList(source), source);
        if (!File.Exists(source) && !Directory.Exists(source))
            throw new MissingInputException("pairs.not-found",
                $"--pairs '{source}' does not exist; give a list file (two image paths per line), a folder or a zip.");

        using ImageArchive archive = ImageArchive.Open(source);
        ClassIndex index = ClassIndex.Build(archive.Entries);
        return Limit(index.Classes.Count >= 2 ? FromClasses(archive, index.Classes, count, seed) : TwoByTwo(archive), source);
    }

    private static List<PairToScore> FromList(string listFile)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(listFile))!;
        var pairs = new List<PairToScore>();
        string[] lines = File.ReadAllLines(listFile);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            // Tabs or commas separate paths that may hold spaces; otherwise any whitespace does.
            char separator = line.Contains('\t') ? '\t' : line.Contains(',') ? ',' : ' ';
            string[] parts = line.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
                throw new InvalidInputException("pairs.bad-line",
                    $"Line {i + 1} of '{listFile}' should name two images (separated by a tab, a comma or spaces): '{line}'.");
            byte[] first = ReadListed(folder, parts[0], listFile, i + 1), second = ReadListed(folder, parts[1], listFile, i + 1);
            pairs.Add(new PairToScore(parts[0], first, parts[1], second, null));
        }
        return pairs;
    }

    private static byte[] ReadListed(string folder, string path, string listFile, int line)
    {
        string full = Path.Combine(folder, path);
        return File.Exists(full)
            ? File.ReadAllBytes(full)
            : throw new MissingInputException("pairs.image-not-found",
                $"Line {line} of '{listFile}' names '{path}', which does not exist (paths are relative to the list's folder).");
    }

    /// <summary>Same-class and different-class pairs by turns, each from a different class, as the original's picture.</summary>
    private static List<PairToScore> FromClasses(ImageArchive archive, IReadOnlyList<ImageClass> classes, int count, int seed)
    {
        if (count < 1) throw new InvalidInputException("pairs.count", $"--count must be at least 1, not {count}.");
        var sampler = new PairSampler(new PairSamplingOptions { PositivesPerClass = 1, NegativesPerClass = 1 }, seed);
        Random random = DeterministicRandom.For(seed, "predict:" + archive.Name);
        var pairs = new List<PairToScore>(count);
        foreach (int c in random.FirstOfPermutation(classes.Count, Math.Min(classes.Count, count)))
        {
            bool wantSame = pairs.Count % 2 == 0;
            ImagePair pair = sampler.SampleClass(classes[c], classes).First(p => p.IsSame == wantSame);
            pairs.Add(Read(archive, pair.FirstImage, pair.SecondImage, pair.IsSame));
        }
        return pairs;
    }

    private static List<PairToScore> TwoByTwo(ImageArchive archive)
    {
        var images = archive.Entries.Where(e => !ClassIndex.IsHiddenOrSystem(e) && ImageDecoder.HasImageExtension(e))
            .Order(StringComparer.Ordinal).ToList();
        if (images.Count < 2)
            throw new InvalidInputException("pairs.too-few-images",
                $"'{archive.Name}' has {images.Count} image(s); pairs need at least two.");
        return Enumerable.Range(0, images.Count / 2)
            .Select(i => Read(archive, images[2 * i], images[2 * i + 1], sameClass: null))
            .ToList();
    }

    private static PairToScore Read(ImageArchive archive, string first, string second, bool? sameClass) =>
        new(first, archive.Read(first), second, archive.Read(second), sameClass);

    private static IReadOnlyList<PairToScore> Limit(List<PairToScore> pairs, string source) => pairs.Count switch
    {
        0 => throw new InvalidInputException("pairs.empty", $"'{source}' names no pairs."),
        > MaxPairs => throw new InvalidInputException("pairs.too-many",
            $"'{source}' gives {pairs.Count} pairs; a grid shows at most {MaxPairs}."),
        _ => pairs,
    };
}
