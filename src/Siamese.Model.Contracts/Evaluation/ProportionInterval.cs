namespace Siamese.Model.Evaluation;

/// <summary>A 95 % Wilson score interval for a proportion: well-behaved near 0 and 1 and for few trials.</summary>
public readonly record struct ProportionInterval(double Low, double High)
{
    private const double Z95 = 1.959963984540054;

    /// <summary>The interval of an accuracy measured on <paramref name="trials"/> trials (its successes rounded).</summary>
    public static ProportionInterval Wilson95(double accuracy, int trials) =>
        Wilson95((int)Math.Round(accuracy * trials), trials);

    public static ProportionInterval Wilson95(int successes, int trials)
    {
        if (trials == 0) return new ProportionInterval(0, 1);
        double p = (double)successes / trials, n = trials, z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new ProportionInterval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
