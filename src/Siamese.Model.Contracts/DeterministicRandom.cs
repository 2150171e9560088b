using System.Text;

namespace Siamese.Model;

/// <summary>
/// Independent, reproducible random streams derived from one seed. Each stream depends only on the seed and its
/// key (never on process, thread or order), so work split into chunks or run in parallel draws the same numbers.
/// </summary>
public static class DeterministicRandom
{
    public static Random For(int seed, long stream) => new(unchecked((int)Mix((ulong)seed, (ulong)stream)));

    public static Random For(int seed, string key) => For(seed, (long)StableHash(key));

    /// <summary>The first <paramref name="count"/> entries of a random permutation of 0..n-1 (a partial Fisher–Yates shuffle).</summary>
    public static int[] FirstOfPermutation(this Random random, int n, int count)
    {
        int[] order = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order[..count];
    }

    /// <summary>A number drawn evenly from [-<paramref name="range"/>, <paramref name="range"/>).</summary>
    public static double Symmetric(this Random random, double range) => (2 * random.NextDouble() - 1) * range;

    /// <summary>FNV-1a over UTF-8: unlike string.GetHashCode, the same in every process.</summary>
    public static ulong StableHash(string value)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    // SplitMix64 finaliser: nearby seeds and streams give unrelated generators.
    private static ulong Mix(ulong seed, ulong stream)
    {
        ulong z = seed * 0x9E3779B97F4A7C15UL + stream + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
