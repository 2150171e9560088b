using Siamese.Reports.Prediction;
using Siamese.Testing;

namespace Siamese.Reports.Tests;

/// <summary>The grid of scored pairs: the size it promises, drawn, with its title written.</summary>
public class PairGridTests
{
    private static readonly IReadOnlyList<(string Name, byte[] Bytes)> Characters = SampleImages.SomeCharacters(21);

    [Theory]
    [InlineData(6, 3)]
    [InlineData(5, 2)]
    [InlineData(2, 4)]   // fewer pairs than columns: one row as wide as the pairs
    public void The_grid_has_the_size_it_promises_and_is_drawn(int pairs, int columns)
    {
        var scored = Enumerable.Range(0, pairs)
            .Select(i => new ScoredPair($"first {i}", Characters[i].Bytes, $"second {i}", Characters[20 - i].Bytes, i / 10.0,
                SameClass: i % 2 == 0))
            .ToList();

        byte[] png = PairGrid.Render(scored, threshold: 0.5, columns);

        var (width, height) = PairGrid.SizeFor(pairs, columns);
        PictureAssert.IsPicture(png, width, height, "the grid");
        Assert.True(PictureAssert.BandVariance(png, 0, 30) > 10, "the grid's title did not render (no font?)");
    }

    [Fact]
    public void A_grid_of_no_pairs_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PairGrid.Render([], threshold: 0.5));
    }
}
