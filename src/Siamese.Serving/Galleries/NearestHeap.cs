namespace Siamese.Serving.Galleries;

/// <summary>
/// The <c>capacity</c> nearest rows seen so far, in a max-heap whose root is the farthest kept, so a row farther than the
/// root costs one comparison. Ties in distance are ordered by image id (ordinal), so the result is one total order
/// whatever the order rows are offered in. One per scanning worker; not thread-safe.
/// </summary>
internal sealed class NearestHeap(int capacity, Func<int, string> imageIdOfRow)
{
    private readonly float[] distances = new float[capacity];
    private readonly int[] rows = new int[capacity];

    public int Count { get; private set; }

    /// <summary>Whether a row at <paramref name="distance"/> might be kept: the cheap test before <see cref="Offer"/>.</summary>
    public bool Admits(float distance) => Count < capacity || distance <= distances[0];

    public void Offer(float distance, int row)
    {
        if (Count < capacity)
        {
            int at = Count++;
            while (at > 0)
            {
                int parent = (at - 1) / 2;
                if (!Farther(distance, row, distances[parent], rows[parent])) break;
                Place(at, distances[parent], rows[parent]);
                at = parent;
            }
            Place(at, distance, row);
            return;
        }
        if (capacity == 0 || !Farther(distances[0], rows[0], distance, row)) return;
        int hole = 0;
        while (true)
        {
            int child = 2 * hole + 1;
            if (child >= Count) break;
            if (child + 1 < Count && Farther(distances[child + 1], rows[child + 1], distances[child], rows[child])) child++;
            if (!Farther(distances[child], rows[child], distance, row)) break;
            Place(hole, distances[child], rows[child]);
            hole = child;
        }
        Place(hole, distance, row);
    }

    public IEnumerable<(float Distance, int Row)> Items()
    {
        for (int i = 0; i < Count; i++) yield return (distances[i], rows[i]);
    }

    private bool Farther(float distance, int row, float otherDistance, int otherRow) =>
        distance > otherDistance
        || (distance == otherDistance && string.CompareOrdinal(imageIdOfRow(row), imageIdOfRow(otherRow)) > 0);

    private void Place(int at, float distance, int row)
    {
        distances[at] = distance;
        rows[at] = row;
    }
}
