using System.Globalization;
using Siamese.Model.Data;
using Siamese.Model.Training;

namespace Siamese.Model.Evaluation;

/// <summary>
/// Genuine-against-impostor trials over held-out classes that have impostors (e.g. a writer's forgeries): 2-way one-shot
/// trials whose query is a genuine image of a class and whose candidates are one of its impostors and another genuine
/// image of it. A trial is right when the genuine candidate scores strictly higher: it is candidate 1, and
/// <see cref="OneShotEvaluator"/> picks the first of equal scores, so a tie counts as wrong. Like
/// <see cref="ValidationTrials"/>, the trials depend only on the classes, the count and the seed, so any model can be scored
/// on the same ones with its own preprocessing.
/// </summary>
public static class ImpostorTrials
{
    /// <summary>The candidate that is the impostor and the one that is genuine (the answer) in every trial.</summary>
    public const int ImpostorCandidate = 0, GenuineCandidate = 1;

    public static string Name(int classesWithImpostors) => $"impostor trials: {classesWithImpostors} held-out classes with impostors";

    /// <summary>
    /// <see cref="TrainingOptions.ValidationTrials"/> trials with the run's seed, their images preprocessed for one model;
    /// null when no held-out class has impostors.
    /// </summary>
    public static OneShotSet? Sample(ImageArchive archive, IReadOnlyList<ImageClass> heldOut, TrainingOptions training,
        OneShotSetLoader loader) =>
        Sample(archive, heldOut, training.ValidationTrials, training.Seed, loader);

    /// <summary>As above, from the count and seed alone.</summary>
    public static OneShotSet? Sample(ImageArchive archive, IReadOnlyList<ImageClass> heldOut, int trials, int seed,
        OneShotSetLoader loader)
    {
        var eligible = heldOut.Where(c => c.Impostors.Count > 0).ToList();
        if (eligible.Count == 0) return null;
        string name = Name(eligible.Count);
        return loader.Build(archive, name, 2, SampleTrials(eligible, trials, seed, name));
    }

    /// <summary>
    /// <paramref name="trialCount"/> trials, each over a class drawn at random among those with impostors: a query and a
    /// different genuine image of it, and one of its impostors. <see cref="OneShotTrial.Run"/> names the class.
    /// </summary>
    public static IReadOnlyList<OneShotTrial> SampleTrials(IReadOnlyList<ImageClass> classes, int trialCount, int seed, string name)
    {
        var eligible = classes.Where(c => c.Impostors.Count > 0 && c.Images.Count >= 2).ToList();
        if (eligible.Count == 0 || trialCount < 1) return [];
        Random random = DeterministicRandom.For(seed, "impostor:" + name);
        var trials = new List<OneShotTrial>(trialCount);
        for (int t = 0; t < trialCount; t++)
        {
            ImageClass imageClass = eligible[random.Next(eligible.Count)];
            int[] genuine = random.FirstOfPermutation(imageClass.Images.Count, 2);
            string impostor = imageClass.Impostors[random.Next(imageClass.Impostors.Count)];
            trials.Add(new OneShotTrial(imageClass.Images[genuine[0]], [impostor, imageClass.Images[genuine[1]]], GenuineCandidate)
            {
                Run = imageClass.Name,
            });
        }
        return trials;
    }

    /// <summary>The scores (logits) of each trial's query with its genuine candidate and with its impostor.</summary>
    public static (List<float> Genuine, List<float> Impostor) PairScores(OneShotResult result) =>
        (result.Scores.Select(s => s[GenuineCandidate]).ToList(), result.Scores.Select(s => s[ImpostorCandidate]).ToList());

    /// <summary>The score with its 95 % interval, e.g. "impostor trials: 91.0 % (95 % CI 87.8–93.4, 364/400 trials)".</summary>
    public static string Describe(OneShotResult result)
    {
        ProportionInterval interval = result.Interval95;
        return string.Create(CultureInfo.InvariantCulture,
            $"impostor trials: {result.Accuracy * 100:0.0} % (95 % CI {interval.Low * 100:0.0}–{interval.High * 100:0.0}, " +
            $"{result.Correct}/{result.Trials} trials)");
    }
}
