namespace Siamese.Model.Training;

/// <summary>The trials on which a pipeline run meets the model its name serves (the challenge that decides promotion).</summary>
public enum ChallengeTrials
{
    /// <summary>The upload's own held-out classes, with the run's seed, ways and trial count.</summary>
    HeldOut,

    /// <summary>
    /// Lake's 20-way one-shot runs shipped with the default model (all_runs.zip): for a recipe that holds out none of the
    /// upload's classes, such as the original, which trains on all of them.
    /// </summary>
    ShippedBenchmark,
}
