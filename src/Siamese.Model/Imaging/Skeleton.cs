namespace Siamese.Model.Imaging;

/// <summary>
/// Thins a binary mask to one-pixel-wide centre lines that keep its connectivity (Zhang and Suen, 1984: two sub-passes
/// per iteration peel boundary pixels from the south-east and from the north-west until nothing changes).
/// </summary>
public static class Skeleton
{
    /// <summary>Thins <paramref name="mask"/> (row-major, <paramref name="width"/> wide) in place.</summary>
    public static void Thin(bool[] mask, int width)
    {
        int height = mask.Length / width;
        var peel = new List<int>();
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int pass = 0; pass < 2; pass++)
            {
                peel.Clear();
                for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    if (mask[y * width + x] && Removable(mask, width, height, x, y, pass))
                        peel.Add(y * width + x);
                foreach (int i in peel) mask[i] = false;
                changed |= peel.Count > 0;
            }
        }
    }

    private static bool Removable(bool[] mask, int width, int height, int x, int y, int pass)
    {
        // Neighbours clockwise from north: P2 (N), P3 (NE), P4 (E), P5 (SE), P6 (S), P7 (SW), P8 (W), P9 (NW).
        Span<bool> p = stackalloc bool[8];
        p[0] = At(mask, width, height, x, y - 1);
        p[1] = At(mask, width, height, x + 1, y - 1);
        p[2] = At(mask, width, height, x + 1, y);
        p[3] = At(mask, width, height, x + 1, y + 1);
        p[4] = At(mask, width, height, x, y + 1);
        p[5] = At(mask, width, height, x - 1, y + 1);
        p[6] = At(mask, width, height, x - 1, y);
        p[7] = At(mask, width, height, x - 1, y - 1);

        int neighbours = 0, transitions = 0;
        for (int i = 0; i < 8; i++)
        {
            if (p[i]) neighbours++;
            if (!p[i] && p[(i + 1) % 8]) transitions++;
        }
        if (neighbours is < 2 or > 6 || transitions != 1) return false;
        return pass == 0
            ? !(p[0] && p[2] && p[4]) && !(p[2] && p[4] && p[6])
            : !(p[0] && p[2] && p[6]) && !(p[0] && p[4] && p[6]);
    }

    private static bool At(bool[] mask, int width, int height, int x, int y) =>
        x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x];
}
