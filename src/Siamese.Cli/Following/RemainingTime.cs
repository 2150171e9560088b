using Siamese.Model.Checkpoints;

namespace Siamese.Cli.Following;

/// <summary>
/// What a run has left after an epoch: the epochs it was asked for (recorded in each checkpoint) times the mean epoch so
/// far (wall time since the run started or resumed, over the epochs trained since then, validation included).
/// </summary>
public static class RemainingTime
{
    public static string Describe(CheckpointMetadata epoch)
    {
        int left = epoch.Training.Epochs - epoch.Epoch;
        if (left <= 0) return "the last epoch";
        int timed = Math.Max(1, epoch.Epoch - (epoch.ResumedFromEpoch ?? 0));
        TimeSpan remaining = TimeSpan.FromSeconds(epoch.WallTimeSeconds / timed * left);
        return remaining < TimeSpan.FromMinutes(1)
            ? "under a minute left"
            : $"about {(int)Math.Ceiling(remaining.TotalMinutes)} min left";
    }
}
