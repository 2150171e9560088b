using System.Globalization;

namespace Siamese.Bench;

/// <summary>"--name value" options of the benchmark commands.</summary>
internal static class BenchArguments
{
    public static string? Option(this string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    public static int Int(this string[] args, string name, int fallback) =>
        args.Option(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public static double Double(this string[] args, string name, double fallback) =>
        args.Option(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A comma-separated list ("1,2,4,8"), or <paramref name="fallback"/> when the option is absent.</summary>
    public static double[] Doubles(this string[] args, string name, params double[] fallback) =>
        args.Option(name) is { } text
            ? text.Split(',', StringSplitOptions.TrimEntries).Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray()
            : fallback;

    public static bool Flag(this string[] args, string name) => args.Contains(name);
}
