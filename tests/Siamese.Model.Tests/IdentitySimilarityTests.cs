using Siamese.Model.Inference;

namespace Siamese.Model.Tests;

public class IdentitySimilarityTests
{
    [Fact]
    public void An_identity_scores_the_mean_of_the_query_s_similarities_with_its_images()
    {
        // Max 0.9, median 0.2, top-3 mean 0.433, sigmoid of the mean logit 0.27: only the mean is 0.3.
        Assert.Equal(0.3, IdentitySimilarity.Of([0.9f, 0.1f, 0.2f, 0.1f, 0.2f]), 6);
        Assert.Equal(0.5, IdentitySimilarity.Of([0f, 1f]), 12);
    }

    [Fact]
    public void One_enrolled_image_gives_single_image_compare_s_similarity()
    {
        Assert.Equal(0.8125f, IdentitySimilarity.Of([0.8125f]));
    }

    [Fact]
    public void The_order_of_the_enrolled_images_does_not_matter_and_the_result_stays_in_0_1()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            float[] similarities = Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(3) switch
            {
                0 => 0f,
                1 => 1f,
                _ => (float)random.NextDouble(),
            }).ToArray();
            double identity = IdentitySimilarity.Of(similarities);
            Assert.InRange(identity, 0, 1);
            Assert.InRange(identity, similarities.Min(), similarities.Max());
            Assert.Equal(identity, IdentitySimilarity.Of(similarities.Reverse().ToArray()), 12);
        }
        Assert.Equal(1.0, IdentitySimilarity.Of([1f, 1f, 1f]));
    }

    [Fact]
    public void An_identity_without_images_or_a_similarity_outside_0_1_is_refused()
    {
        Assert.Throws<ArgumentException>(() => IdentitySimilarity.Of([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentitySimilarity.Of([0.5f, float.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentitySimilarity.Of([0.5f, 1.0001f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentitySimilarity.Of([-0.0001f]));
    }
}
