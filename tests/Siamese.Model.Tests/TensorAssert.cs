namespace Siamese.Model.Tests;

internal static class TensorAssert
{
    /// <summary>Same shape and bit-for-bit the same values.</summary>
    public static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    /// <summary>Fails unless both have the same shape and no value differs by more than <paramref name="tolerance"/>.</summary>
    public static void Close(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        using Tensor difference = (expected - actual).abs().max();
        double largest = difference.item<float>();
        Assert.True(largest <= tolerance, $"values differ by up to {largest}, more than {tolerance}");
    }
}
