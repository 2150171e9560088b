namespace Siamese.Model.Data;

/// <summary>
/// NumPy's legacy generator, <c>numpy.random.RandomState(seed)</c> (MT19937 seeded by init_genrand), as far as pandas'
/// <c>DataFrame.sample(frac=1, random_state=seed)</c> uses it: <c>choice(n, n, replace=False)</c>, which is
/// <c>permutation(n)</c>, a Fisher-Yates shuffle from the last index down with each index drawn by masked rejection. The
/// original shuffles its image list this way (seed 42) to find its negatives, so the same seed gives its order here.
/// </summary>
public sealed class NumPyRandomState
{
    private const int StateLength = 624, Shift = 397;
    private readonly uint[] state = new uint[StateLength];
    private int position;

    public NumPyRandomState(uint seed)
    {
        state[0] = seed;
        for (int i = 1; i < StateLength; i++)
            state[i] = unchecked(1812433253u * (state[i - 1] ^ (state[i - 1] >> 30)) + (uint)i);
        position = StateLength;
    }

    /// <summary>The next 32 random bits (MT19937's genrand_int32).</summary>
    public uint NextUInt32()
    {
        if (position >= StateLength) Twist();
        uint y = state[position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A number drawn evenly from 0 to <paramref name="max"/> inclusive, as NumPy's random_interval draws it.</summary>
    public uint Interval(uint max)
    {
        if (max == 0) return 0;
        uint mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max) { }
        return value;
    }

    /// <summary><c>RandomState.permutation(n)</c>: 0..n-1 shuffled.</summary>
    public int[] Permutation(int n)
    {
        int[] order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)Interval((uint)i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private void Twist()
    {
        for (int i = 0; i < StateLength; i++)
        {
            uint y = (state[i] & 0x80000000u) | (state[(i + 1) % StateLength] & 0x7fffffffu);
            state[i] = state[(i + Shift) % StateLength] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0u);
        }
        position = 0;
    }
}
