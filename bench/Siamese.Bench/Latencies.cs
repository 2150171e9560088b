using System.Collections.Concurrent;
using System.Diagnostics;

namespace Siamese.Bench;

/// <summary>Latencies in milliseconds, recorded from any thread, and their percentiles.</summary>
internal sealed class Latencies
{
    private readonly ConcurrentBag<double> milliseconds = [];

    public int Count => milliseconds.Count;

    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        long start = Stopwatch.GetTimestamp();
        T result = await call();
        milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return result;
    }

    public async Task TimeAsync(Func<Task> call)
    {
        long start = Stopwatch.GetTimestamp();
        await call();
        milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    public T Time<T>(Func<T> call)
    {
        long start = Stopwatch.GetTimestamp();
        T result = call();
        milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return result;
    }

    /// <summary>The value below which <paramref name="fraction"/> of the latencies lie (nearest rank).</summary>
    public double Percentile(double fraction)
    {
        var sorted = milliseconds.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
