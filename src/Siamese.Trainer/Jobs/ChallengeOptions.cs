using System.ComponentModel.DataAnnotations;

namespace Siamese.Trainer.Jobs;

/// <summary>Settings of champion and challenger (section `Challenge`, e.g. Challenge__ReferenceTolerance=0.01).</summary>
public sealed class ChallengeOptions
{
    public const string Section = "Challenge";

    /// <summary>
    /// How much worse than the champion a challenger may score on an earlier reference of its name and still be promoted, as
    /// a fraction (0.02: two points). Scores on a few hundred trials move by about that much between equally good models.
    /// </summary>
    [Range(0, 1)] public double ReferenceTolerance { get; set; } = 0.02;

    /// <summary>
    /// Fewer held-out classes than this and a run is not promoted: trials drawn from so few classes measure those classes,
    /// not unseen ones (a run read 98 % on its 3-way validation and 71 % on unseen classes), and cannot tell two models apart.
    /// </summary>
    [Range(2, 1_000_000)] public int MinHeldOutClasses { get; set; } = 5;

    /// <summary>How many references a name keeps: the shipped benchmark (for `default`) and the newest uploads' trials.</summary>
    [Range(1, 100)] public int MaxReferences { get; set; } = 8;
}
