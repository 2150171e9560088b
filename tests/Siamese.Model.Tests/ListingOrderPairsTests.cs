namespace Siamese.Model.Tests;

/// <summary>
/// The original's pairs, held to lists worked out by hand from its pandas code (positives: <c>shift(-1)</c> then
/// <c>groupby(label).head(10)</c>; negatives: <c>sample(frac=1, random_state=42)</c>, same-label rows dropped, then
/// <c>head(10)</c>), on archives small enough to follow row by row.
/// </summary>
public class ListingOrderPairsTests
{
    [Fact]
    public void The_generator_is_mt19937_seeded_as_numpy_seeds_it()
    {
        // C++'s std::mt19937 is specified by its 10,000th output from the default seed 5489.
        var reference = new NumPyRandomState(5489);
        uint value = 0;
        for (int i = 0; i < 10_000; i++) value = reference.NextUInt32();

        Assert.Equal(4123659995u, value);
    }

    [Fact]
    public void Permutations_are_numpys_for_the_same_seed()
    {
        // NumPy: rs = np.random.RandomState(42); rs.permutation(10); rs.permutation(10) (its documented outputs).
        var random = new NumPyRandomState(42);

        Assert.Equal([8, 1, 5, 0, 7, 2, 9, 4, 3, 6], random.Permutation(10));
        Assert.Equal([0, 1, 8, 5, 3, 4, 7, 9, 6, 2], random.Permutation(10));
    }

    [Fact]
    public void Positives_chain_each_classs_images_in_listing_order_and_negatives_come_from_one_seeded_shuffle()
    {
        // Ten rows, so the shuffle is NumPy's permutation(10) for seed 42: row r meets row [8 1 5 0 7 2 9 4 3 6][r].
        ClassIndex index = ClassIndex.Build(
            ["set/A/a0.png", "set/A/a1.png", "set/A/a2.png", "set/A/a3.png", "set/B/b0.png", "set/B/b1.png", "set/B/b2.png",
             "set/C/c0.png", "set/C/c1.png", "set/C/c2.png"]);

        var pairs = new PairSampler(new PairSamplingOptions { PositivesPerClass = 10, NegativesPerClass = 2 }, 42,
            PairSelection.ListingOrder).Sample(index.Classes);

        // Rows 1 (a1 with itself) and 3 (a3 with a0) meet their own class and are dropped; every class keeps its first two.
        Assert.Equal(
        [
            ("A#p0", "a0", "a1"), ("A#p1", "a1", "a2"), ("A#p2", "a2", "a3"), ("A#n0", "a0", "c1"), ("A#n1", "a2", "b1"),
            ("B#p0", "b0", "b1"), ("B#p1", "b1", "b2"), ("B#n0", "b0", "c0"), ("B#n1", "b1", "a2"),
            ("C#p0", "c0", "c1"), ("C#p1", "c1", "c2"), ("C#n0", "c0", "b0"), ("C#n1", "c1", "a3"),
        ], pairs.Select(p => (p.Key, Name(p.FirstImage), Name(p.SecondImage))));
        Assert.All(pairs, p => Assert.Equal(p.Key.Contains("#p", StringComparison.Ordinal), p.IsSame));
    }

    [Fact]
    public void A_class_of_twenty_gives_the_chain_over_its_first_eleven_images_only()
    {
        var entries = new[] { "A", "B", "C", "D" }.SelectMany(c => Enumerable.Range(0, 20).Select(i => $"{c}/{i:D2}.png"));
        ClassIndex index = ClassIndex.Build(entries);

        var pairs = new PairSampler(new PairSamplingOptions(), 42, PairSelection.ListingOrder).Sample(index.Classes);
        var positives = pairs.Where(p => p.IsSame && p.FirstClass == "A").Select(p => (Name(p.FirstImage), Name(p.SecondImage)));
        var negatives = pairs.Where(p => !p.IsSame).ToList();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => ($"{i:D2}", $"{i + 1:D2}")), positives);
        Assert.Equal([10, 10, 10, 10], negatives.CountBy(p => p.FirstClass).Select(c => c.Value));
        Assert.All(negatives, p => Assert.NotEqual(p.FirstClass, p.SecondClass));
        // Each class's negatives start from its first images: the first ten rows whose partner is of the other class.
        Assert.All(negatives.GroupBy(p => p.FirstClass),
            g => Assert.Equal(g.Select(p => p.FirstImage).Order(StringComparer.Ordinal), g.Select(p => p.FirstImage)));
    }

    private static string Name(string entry) => Path.GetFileNameWithoutExtension(entry);
}
