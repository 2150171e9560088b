using Siamese.Serving.Galleries;

namespace Siamese.Serving.Tests;

/// <summary>Average-linkage grouping on a given similarity matrix.</summary>
public class ImageGroupingTests
{
    /// <summary>Two tight pairs (0,1) and (2,3) that like each other a little, and 4 that likes nobody.</summary>
    private static readonly double[,] Similarity =
    {
        { 1.0, 0.9, 0.3, 0.2, 0.0 },
        { 0.9, 1.0, 0.4, 0.3, 0.1 },
        { 0.3, 0.4, 1.0, 0.8, 0.0 },
        { 0.2, 0.3, 0.8, 1.0, 0.1 },
        { 0.0, 0.1, 0.0, 0.1, 1.0 },
    };

    [Theory]
    [InlineData(0.95, "0|1|2|3|4")]
    [InlineData(0.85, "0,1|2|3|4")]
    [InlineData(0.5, "0,1|2,3|4")]
    [InlineData(0.29, "0,1,2,3|4")]   // the pairs' mean similarity is (0.3 + 0.2 + 0.4 + 0.3) / 4 = 0.3
    [InlineData(0.01, "0,1,2,3,4")]
    public void Groups_merge_while_their_mean_similarity_reaches_the_threshold(double threshold, string expected)
    {
        var groups = ImageGrouping.Cluster(Similarity, threshold);

        Assert.Equal(expected, string.Join('|', groups.Select(g => string.Join(',', g))));
    }
}
