using System.Globalization;
using Siamese.Model.Evaluation;

namespace Siamese.Storage.Promotion;

/// <summary>How a decision writes a score: the accuracy and its 95 % Wilson interval over the trials it was measured on.</summary>
public static class ScoreText
{
    /// <summary>E.g. "74.3 % (95 % CI 69.8–78.3)".</summary>
    public static string WithInterval(double accuracy, int trials) =>
        $"{Percent(accuracy)} % (95 % CI {Interval(accuracy, trials)})";

    /// <summary>E.g. "47.0 % (42.2–51.9)": the second score of a line, after one that said what the brackets hold.</summary>
    public static string WithBareInterval(double accuracy, int trials) => $"{Percent(accuracy)} % ({Interval(accuracy, trials)})";

    private static string Interval(double accuracy, int trials)
    {
        ProportionInterval interval = ProportionInterval.Wilson95(accuracy, trials);
        return $"{Percent(interval.Low)}–{Percent(interval.High)}";
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture);
}
