using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Imaging;
using Siamese.Model.Evaluation.Robustness;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Model.Evaluation;

/// <summary>Builds one-shot trial sets: the standard Omniglot runs, or trials sampled from any folder-per-class set.</summary>
public sealed class OneShotSetLoader(PairPreprocessor preprocessor, ColorMode colorMode)
{
    private const string RunLabelsFile = "class_labels.txt";

    /// <summary>Sampled trials are grouped into runs of this many for reports, like the benchmark's 20 runs of 20.</summary>
    private const int TrialsPerRun = 20;

    /// <summary>A loader that prepares images as a checkpoint's model saw them in training.</summary>
    public static OneShotSetLoader For(PreprocessingInfo preprocessing) =>
        new(preprocessing.ToPreprocessor(), preprocessing.ColorMode);

    /// <summary>
    /// The 20-way benchmark of Lake et al. (all_runs.zip): each runNN/class_labels.txt maps a test item to its
    /// training image; the candidates of a trial are all training images of that run.
    /// </summary>
    public OneShotSet LoadOmniglotRuns(ImageArchive archive)
    {
        var labelFiles = archive.Entries.Where(e => Path.GetFileName(e) == RunLabelsFile).ToList();
        if (labelFiles.Count == 0)
            throw new MissingInputException("runs.not-found",
                $"'{archive.Name}' is not a one-shot runs archive: it has no runNN/{RunLabelsFile} " +
                "(use all_runs.zip, or --data for a folder-per-class set).");

        var entries = archive.Entries.ToHashSet(StringComparer.Ordinal);
        var trials = new List<OneShotTrial>();
        int ways = 0;
        foreach (string labelFile in labelFiles)
        {
            string runFolder = labelFile[..^RunLabelsFile.Length];   // "run01/" or "wrapper/run01/"
            string runName = runFolder.TrimEnd('/');
            string root = runName.Contains('/') ? runName[..(runName.LastIndexOf('/') + 1)] : ""; // the label file's paths start here
            var candidates = archive.Entries
                .Where(e => e.StartsWith(runFolder + "training/", StringComparison.Ordinal) && ImageDecoder.HasImageExtension(e))
                .ToList();
            ways = Math.Max(ways, candidates.Count);

            string text = System.Text.Encoding.UTF8.GetString(archive.Read(labelFile));
            foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                int answer = parts.Length == 2 ? candidates.IndexOf(root + parts[1]) : -1;
                if (answer < 0 || !entries.Contains(root + parts[0]))
                    throw new InvalidInputException("runs.bad-labels",
                        $"Line '{line}' of '{labelFile}' does not name a test image and a training image of that run.");
                trials.Add(new OneShotTrial(root + parts[0], candidates, answer) { Run = runName[root.Length..] });
            }
        }
        return Build(archive, $"{archive.Name} ({labelFiles.Count} runs)", ways, trials);
    }

    /// <summary>Random N-way trials (see <see cref="SampleTrials"/>) over the classes of an archive.</summary>
    public OneShotSet Sample(ImageArchive archive, IReadOnlyList<ImageClass> classes, int ways, int trialCount, int seed, string name) =>
        Build(archive, name, ways, SampleTrials(classes, ways, trialCount, seed, name));

    /// <summary>
    /// <paramref name="trialCount"/> random <paramref name="ways"/>-way trials over any classes: each draws that many
    /// classes, one candidate image per class, and a different image of one of them as the query.
    /// </summary>
    public static IReadOnlyList<OneShotTrial> SampleTrials(IReadOnlyList<ImageClass> classes, int ways, int trialCount, int seed,
        string name)
    {
        if (ways < 2 || ways > classes.Count)
            throw new InvalidInputException("oneshot.ways",
                $"{ways}-way trials need between 2 and {classes.Count} classes (the set has {classes.Count}).");

        Random random = DeterministicRandom.For(seed, "one-shot:" + name);
        var trials = new List<OneShotTrial>(trialCount);
        for (int t = 0; t < trialCount; t++)
        {
            ImageClass[] chosen = random.FirstOfPermutation(classes.Count, ways).Select(i => classes[i]).ToArray();
            int answer = random.Next(ways);
            string[] candidates = new string[ways];
            string query = "";
            for (int w = 0; w < ways; w++)
            {
                IReadOnlyList<string> images = chosen[w].Images;
                int support = random.Next(images.Count);
                candidates[w] = images[support];
                if (w == answer)
                {
                    int other = random.Next(images.Count - 1);
                    query = images[other >= support ? other + 1 : other];
                }
            }
            int block = t / TrialsPerRun * TrialsPerRun;
            string run = $"trials {block + 1}-{Math.Min(block + TrialsPerRun, trialCount)}";
            trials.Add(new OneShotTrial(query, candidates, answer) { Run = run });
        }
        return trials;
    }

    /// <summary>
    /// The same trials with every query drawing (<paramref name="archive"/> must be the set's own) changed by
    /// <paramref name="perturbation"/> before preprocessing; the candidates stay as they are.
    /// </summary>
    public OneShotSet PerturbQueries(OneShotSet clean, ImageArchive archive, ImagePerturbation perturbation,
        CancellationToken cancellationToken = default)
    {
        string Perturbed(string query) => $"{query}#{perturbation.Name}";
        var queries = clean.Trials.Select(t => t.Query).Distinct(StringComparer.Ordinal).ToList();
        var images = new System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string candidate in clean.Trials.SelectMany(t => t.Candidates).Distinct(StringComparer.Ordinal))
            images[candidate] = clean.Images[candidate];
        var raw = queries.ToDictionary(q => q, archive.Read, StringComparer.Ordinal);
        ParallelWork.For(queries.Count, cancellationToken, i =>
        {
            using Image<Rgba32> image = ImageDecoder.DecodeRgba(raw[queries[i]], queries[i]);
            perturbation.Apply(image);
            using var png = new MemoryStream();
            image.SaveAsPng(png);
            images[Perturbed(queries[i])] = preprocessor.ToNetworkInput(png.ToArray(), queries[i], colorMode);
        });
        var trials = clean.Trials.Select(t => t with { Query = Perturbed(t.Query) }).ToList();
        return clean with { Name = $"{clean.Name}, {perturbation.Name}", Trials = trials, Images = images };
    }

    /// <summary>A set of trials sampled elsewhere (e.g. <see cref="ImpostorTrials"/>), with every image they use preprocessed.</summary>
    public OneShotSet Build(ImageArchive archive, string name, int ways, IReadOnlyList<OneShotTrial> trials)
    {
        var entries = trials.SelectMany(t => t.Candidates.Append(t.Query)).Distinct(StringComparer.Ordinal).ToList();
        var raw = entries.ToDictionary(e => e, archive.Read, StringComparer.Ordinal);
        var images = new System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        ParallelWork.For(entries.Count, CancellationToken.None,
            i => images[entries[i]] = preprocessor.ToNetworkInput(raw[entries[i]], entries[i], colorMode));
        return new OneShotSet(name, ways, trials, images, colorMode.Channels(), preprocessor.OutputSize);
    }
}
