using Siamese.Model.Training.Batches;

namespace Siamese.Model.Tests;

/// <summary>Training:Photometric: each image of a batch gets its own brightness and contrast, drawn from the run's generator.</summary>
public class PhotometricJitterTests
{
    private static Tensor Batch() => rand(6, 1, 16, 16, generator: new Generator(3)) * 0.5 + 0.25;

    [Fact]
    public void At_strength_zero_images_are_left_as_they_are_and_nothing_is_drawn()
    {
        using Tensor images = Batch();
        var random = new Random(5);

        using Tensor jittered = PhotometricJitter.Apply(images, 0, random);

        Assert.True(TensorAssert.Same(images, jittered));
        Assert.Equal(new Random(5).Next(), random.Next());
    }

    [Fact]
    public void Each_image_changes_in_its_own_way_within_range_and_the_same_seed_repeats_it()
    {
        using Tensor images = Batch();

        using Tensor first = PhotometricJitter.Apply(images, 1, new Random(7));
        using Tensor again = PhotometricJitter.Apply(images, 1, new Random(7));

        Assert.True(TensorAssert.Same(first, again));
        Assert.InRange(first.min().item<float>(), 0f, 1f);
        Assert.InRange(first.max().item<float>(), 0f, 1f);
        using Tensor meanShift = (first - images).mean([1, 2, 3]);
        float[] shifts = meanShift.data<float>().ToArray();
        Assert.Equal(shifts.Length, shifts.Select(s => Math.Round(s, 4)).Distinct().Count());
        Assert.Contains(shifts, s => Math.Abs(s) > 0.01);
    }
}
