namespace Siamese.Bench;

/// <summary>What one serving-memory configuration measured in its own process (megabytes are MiB).</summary>
internal sealed record ServingMemoryResult(
    int Width,
    int Height,
    long FileBytes,
    int Concurrency,
    string ColorMode,
    double BaselineMb,
    double PeakMb,
    double ManagedBaselineMb,
    double ManagedPeakMb,
    double[] BurstSeconds,
    bool PeakWasReset)
{
    public double DeltaMb => PeakMb - BaselineMb;

    public double Megapixels => (double)Width * Height / 1e6;
}
