using Siamese.Model.Data;
using Siamese.Model.Training;

namespace Siamese.Model.Evaluation;

/// <summary>
/// The one-shot trials over a run's held-out classes, as training samples them after every epoch. The trials depend
/// only on the classes and the options (ways, count, seed), so any model can be scored on the same trials with its own
/// preprocessing: that is how a challenger and the champion are compared.
/// </summary>
public static class ValidationTrials
{
    public static string Name(int heldOutClasses) => $"validation: {heldOutClasses} held-out classes";

    /// <summary>The trials, with their images preprocessed for one model; null with fewer than two held-out classes.</summary>
    public static OneShotSet? Sample(ImageArchive archive, IReadOnlyList<ImageClass> heldOut, TrainingOptions training,
        OneShotSetLoader loader)
    {
        if (heldOut.Count < 2) return null;
        int ways = Math.Min(training.ValidationWays, heldOut.Count);
        return loader.Sample(archive, heldOut, ways, training.ValidationTrials, training.Seed, Name(heldOut.Count));
    }
}
