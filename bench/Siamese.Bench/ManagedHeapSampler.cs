namespace Siamese.Bench;

/// <summary>The largest managed heap size (GC.GetTotalMemory, garbage not yet collected included) seen on a thread of its own.</summary>
internal sealed class ManagedHeapSampler : IDisposable
{
    private readonly Thread thread;
    private volatile bool stopping;
    private long peakBytes;

    public ManagedHeapSampler(TimeSpan interval)
    {
        thread = new Thread(() =>
        {
            while (!stopping)
            {
                peakBytes = Math.Max(peakBytes, GC.GetTotalMemory(forceFullCollection: false));
                Thread.Sleep(interval);
            }
        }) { IsBackground = true, Name = "managed heap sampler" };
        thread.Start();
    }

    /// <summary>Stops sampling; the peak in MiB.</summary>
    public double Stop()
    {
        stopping = true;
        thread.Join();
        return Math.Max(peakBytes, GC.GetTotalMemory(forceFullCollection: false)) / 1048576.0;
    }

    public void Dispose()
    {
        if (!stopping) Stop();
    }
}
