using System.Diagnostics;

namespace Siamese.Model.Training.Progress;

/// <summary>Counts steps and pairs; says when a progress line is due and what the rate and ETA are.</summary>
internal sealed class ProgressMeter(long totalSteps, TimeSpan interval)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long steps;
    private long pairsSinceReport;
    private TimeSpan lastReport;

    public bool Tick(int pairs, out double pairsPerSecond, out TimeSpan eta)
    {
        steps++;
        pairsSinceReport += pairs;
        TimeSpan now = clock.Elapsed;
        double seconds = (now - lastReport).TotalSeconds;
        pairsPerSecond = seconds > 0 ? pairsSinceReport / seconds : 0;
        eta = TimeSpan.FromSeconds(now.TotalSeconds / steps * (totalSteps - steps));
        if (now - lastReport < interval && steps > 1) return false;
        lastReport = now;
        pairsSinceReport = 0;
        return true;
    }
}
