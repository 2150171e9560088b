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

    /// <summary>How many references a name keeps: the shipped benchmark (for `default`) and the newest uploads' trials.</summary>
    [Range(1, 100)] public int MaxReferences { get; set; } = 8;
}
