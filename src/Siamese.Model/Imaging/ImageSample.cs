using Siamese.Model.Data;

namespace Siamese.Model.Imaging;

/// <summary>
/// Which of an upload's genuine images are measured (<see cref="ImageProfiler"/>): at most a given number, spread over the
/// classes, always the same for the same index.
/// </summary>
public static class ImageSample
{
    /// <summary>
    /// Classes evenly spaced over the index (all of them when there are no more than <paramref name="max"/>), then their
    /// images round by round: the first image of each, the second of each, until <paramref name="max"/> are taken.
    /// </summary>
    public static IReadOnlyList<string> Pick(IReadOnlyList<ImageClass> classes, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        int taken = Math.Min(classes.Count, max);
        var spread = Enumerable.Range(0, taken).Select(k => classes[(int)((long)k * classes.Count / taken)]).ToList();
        var picked = new List<string>(max);
        for (int round = 0; picked.Count < max; round++)
        {
            bool any = false;
            foreach (ImageClass c in spread)
            {
                if (round >= c.Images.Count) continue;
                any = true;
                picked.Add(c.Images[round]);
                if (picked.Count == max) break;
            }
            if (!any) break;
        }
        return picked;
    }
}
