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
        OneShotSetLoader loader) =>
        Sample(archive, heldOut, training.ValidationWays, training.ValidationTrials, training.Seed, loader);

    /// <summary>The same trials from their parameters alone (as a served model's reference trials record them).</summary>
    public static OneShotSet? Sample(ImageArchive archive, IReadOnlyList<ImageClass> heldOut, int ways, int trials, int seed,
        OneShotSetLoader loader) =>
        heldOut.Count < 2 ? null : loader.Sample(archive, heldOut, Math.Min(ways, heldOut.Count), trials, seed, Name(heldOut.Count));
}
