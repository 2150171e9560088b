using System.ComponentModel.DataAnnotations;

namespace Siamese.Model.Data;

public sealed class PairSamplingOptions
{
    /// <summary>Pairs of two different images of the class, per class (the original: 10).</summary>
    [Range(0, 100_000)] public int PositivesPerClass { get; set; } = 10;

    /// <summary>Pairs of an image of the class and an image of another class, per class (the original: 10).</summary>
    [Range(0, 100_000)] public int NegativesPerClass { get; set; } = 10;
}

/// <summary>
/// Builds positive and negative pairs for each class, as <see cref="PairSelection"/> says. <see cref="PairSelection.Random"/>:
/// a positive is two different images of one class and a negative has its second image from a random other class; each
/// class draws from its own random stream (seed + class name), so sampling a subset of classes (a chunk) gives exactly the
/// pairs those classes get when everything is sampled at once. <see cref="PairSelection.ListingOrder"/>: the original's
/// (<see cref="ListingOrderPairs"/>), whose negatives come from one shuffle of every image, so it samples all classes at once.
/// </summary>
public sealed class PairSampler(PairSamplingOptions options, int seed, PairSelection selection = PairSelection.Random)
{
    /// <summary>Pairs for every class in <paramref name="classes"/>, class by class; negatives come from the same classes.</summary>
    public IReadOnlyList<ImagePair> Sample(IReadOnlyList<ImageClass> classes) => selection switch
    {
        PairSelection.ListingOrder => ListingOrderPairs.Sample(classes, options, seed),
        _ => classes.SelectMany(c => SampleClass(c, classes)).ToList(),
    };

    /// <summary>
    /// The pairs of the classes named in <paramref name="of"/>, exactly as <see cref="Sample(IReadOnlyList{ImageClass})"/> gives
    /// them for all of <paramref name="classes"/> (a chunk of a dataset). Random pairs: only those classes are sampled (each
    /// draws from its own stream); listing-order pairs come from one shuffle of every image, so all are made and the rest left.
    /// </summary>
    public IReadOnlyList<ImagePair> Sample(IReadOnlyList<ImageClass> classes, IReadOnlySet<string> of) => selection switch
    {
        PairSelection.ListingOrder => Sample(classes).Where(p => of.Contains(p.FirstClass)).ToList(),
        _ => classes.Where(c => of.Contains(c.Name)).SelectMany(c => SampleClass(c, classes)).ToList(),
    };

    /// <summary>
    /// <see cref="PairSelection.Random"/>'s pairs for one class; its negatives are drawn from the other classes of
    /// <paramref name="allClasses"/>.
    /// </summary>
    public IEnumerable<ImagePair> SampleClass(ImageClass cls, IReadOnlyList<ImageClass> allClasses)
    {
        if (cls.Images.Count < ClassIndex.MinImagesPerClass) yield break;
        Random random = DeterministicRandom.For(seed, "pairs:" + cls.Name);

        int p = 0;
        foreach (var (i, j) in DistinctIndexPairs(cls.Images.Count, options.PositivesPerClass, random))
            yield return new ImagePair($"{cls.Name}#p{p++}", cls.Name, cls.Images[i], cls.Name, cls.Images[j]);

        if (options.NegativesPerClass == 0) yield break;
        if (allClasses.Count < 2)
            throw new InvalidInputException("data.too-few-classes", "Negative pairs need at least two classes.");
        for (int n = 0; n < options.NegativesPerClass; n++)
        {
            ImageClass other;
            do other = allClasses[random.Next(allClasses.Count)];
            while (other.Name == cls.Name);
            yield return new ImagePair($"{cls.Name}#n{n}", cls.Name, cls.Images[random.Next(cls.Images.Count)],
                other.Name, other.Images[random.Next(other.Images.Count)]);
        }
    }

    /// <summary>
    /// <paramref name="count"/> pairs (i, j), i ≠ j, without repeating an unordered pair until all have been used.
    /// </summary>
    private static IEnumerable<(int, int)> DistinctIndexPairs(int n, int count, Random random)
    {
        long available = (long)n * (n - 1) / 2;
        var used = new HashSet<(int, int)>();
        for (int k = 0; k < count; k++)
        {
            if (used.Count == available) used.Clear();
            int i, j;
            do
            {
                i = random.Next(n);
                j = random.Next(n - 1);
                if (j >= i) j++;
            }
            while (!used.Add(i < j ? (i, j) : (j, i)));
            yield return (i, j);
        }
    }
}
