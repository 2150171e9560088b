using Siamese.Cli.Following;
using Siamese.Model.Checkpoints;
using Siamese.Model.Network;

namespace Siamese.Cli.Tests;

/// <summary>The estimate on each epoch line of --follow: epochs left times the mean epoch so far.</summary>
public sealed class RemainingTimeTests
{
    [Theory]
    [InlineData(2, 10, 240, null, "about 16 min left")] // 2 min an epoch, 8 to go
    [InlineData(1, 3, 61, null, "about 3 min left")]    // 2.03 min: rounded up
    [InlineData(6, 8, 120, 4, "about 2 min left")]      // resumed after epoch 4: 2 epochs in 2 min
    [InlineData(1, 2, 20, null, "under a minute left")]
    [InlineData(5, 5, 600, null, "the last epoch")]
    public void The_estimate_is_the_epochs_left_times_the_mean_epoch_since_the_run_started_or_resumed(
        int epoch, int epochs, double wallTimeSeconds, int? resumedFrom, string expected)
    {
        CheckpointMetadata fixture = CheckpointFixture.Metadata(new ModelConfig());
        CheckpointMetadata metadata = fixture with
        {
            Epoch = epoch,
            Training = fixture.Training with { Epochs = epochs },
            WallTimeSeconds = wallTimeSeconds,
            ResumedFromEpoch = resumedFrom,
        };

        Assert.Equal(expected, RemainingTime.Describe(metadata));
    }
}
