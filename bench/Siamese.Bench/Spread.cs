using System.Globalization;

namespace Siamese.Bench;

/// <summary>The median of a figure over the rounds, and its lowest and highest round.</summary>
internal readonly record struct Spread(double Median, double Low, double High) : IFormattable
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return new Spread(sorted[sorted.Count / 2], sorted[0], sorted[^1]);
    }

    public string ToString(string? format, IFormatProvider? formatProvider) =>
        $"{Median.ToString(format, formatProvider)} ({Low.ToString(format, formatProvider)}–{High.ToString(format, formatProvider)})";

    public override string ToString() => ToString("0.00", CultureInfo.InvariantCulture);
}
