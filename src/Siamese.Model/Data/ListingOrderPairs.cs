namespace Siamese.Model.Data;

/// <summary>
/// The original's pairs (its <c>generate_positive_samples</c> and <c>generate_negative_samples</c>), over the images of
/// every class in listing order (classes in order, each class's images in order: one row per image).
/// <list type="bullet">
/// <item>Positives: each row with the next, <c>shift(-1)</c>, the first <see cref="PairSamplingOptions.PositivesPerClass"/>
/// rows of each class kept (<c>groupby(label).head(10)</c>): the chain (0,1), (1,2) … (9,10) of its first 11 images. A class
/// of 10 images or fewer ends its chain at its last image; the original's last link there reaches into the next class
/// (or off the list) and is labelled same, which no class's images are.</item>
/// <item>Negatives: the rows shuffled once (<c>sample(frac=1, random_state=seed)</c>, NumPy's generator); each row is paired
/// with the row the shuffle put in its place, rows whose partner has the same class are dropped, and the first
/// <see cref="PairSamplingOptions.NegativesPerClass"/> remaining rows of each class are kept.</item>
/// </list>
/// Keys are as <see cref="PairSampler"/>'s ("class#p0", "class#n0"), so a pair's jitter is seeded alike.
/// </summary>
public static class ListingOrderPairs
{
    public static IReadOnlyList<ImagePair> Sample(IReadOnlyList<ImageClass> classes, PairSamplingOptions options, int seed)
    {
        var rows = classes.SelectMany(c => c.Images.Select(image => (Class: c.Name, Image: image))).ToArray();
        int[] shuffled = new NumPyRandomState(unchecked((uint)seed)).Permutation(rows.Length);
        var negatives = new Dictionary<string, List<ImagePair>>(StringComparer.Ordinal);
        for (int row = 0; row < rows.Length; row++)
        {
            var (cls, image) = rows[row];
            var partner = rows[shuffled[row]];
            if (partner.Class == cls) continue;
            if (!negatives.TryGetValue(cls, out List<ImagePair>? kept)) negatives[cls] = kept = [];
            if (kept.Count < options.NegativesPerClass)
                kept.Add(new ImagePair($"{cls}#n{kept.Count}", cls, image, partner.Class, partner.Image));
        }

        var pairs = new List<ImagePair>();
        foreach (ImageClass c in classes)
        {
            for (int k = 0; k < Math.Min(options.PositivesPerClass, c.Images.Count - 1); k++)
                pairs.Add(new ImagePair($"{c.Name}#p{k}", c.Name, c.Images[k], c.Name, c.Images[k + 1]));
            if (negatives.TryGetValue(c.Name, out List<ImagePair>? kept)) pairs.AddRange(kept);
        }
        return pairs;
    }
}
