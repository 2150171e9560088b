namespace Siamese.Serving.Galleries;

/// <summary>
/// The in-memory state of one gallery for ONE model id (the served model's checkpoint id), built by applying its log in
/// order: identities, images, and the embeddings that model computed, as rows of a chunked store
/// (<see cref="EmbeddingRows"/>) that <see cref="Nearest"/> scans exactly. Images enrolled or re-embedded under another
/// model id have no row here and are listed in <see cref="Stale"/> until an <see cref="ImageEmbedded"/> of this model
/// arrives. Thread-safe: <see cref="Apply"/> takes a write lock, every read a read lock, and what a read returns is a copy.
/// </summary>
public sealed class GalleryIndex
{
    private readonly ReaderWriterLockSlim gate = new();
    private readonly Dictionary<string, ImageState> images = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdentityState> identities = new(StringComparer.Ordinal);
    private readonly SortedSet<string> labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImageState> stale = new(StringComparer.Ordinal);
    private readonly EmbeddingRows embeddings;
    private readonly List<ImageState> rowOwners = [];
    private readonly int scanWorkers;
    private long enrolments;

    public GalleryIndex(string gallery, string modelId) : this(gallery, modelId, new GalleryIndexOptions())
    {
    }

    public GalleryIndex(string gallery, string modelId, GalleryIndexOptions options)
    {
        Gallery = gallery;
        ModelId = modelId;
        embeddings = new EmbeddingRows(options.RowsPerChunk);
        scanWorkers = options.ScanWorkers > 0 ? options.ScanWorkers : Environment.ProcessorCount;
    }

    public string Gallery { get; }

    public string ModelId { get; }

    /// <summary>Where in the log the state stands: every change before it is applied.</summary>
    public LogPosition Position { get; private set; }

    public int ImageCount => Read(() => images.Count);

    public int IdentityCount => Read(() => identities.Count);

    /// <summary>Bytes held for embeddings (whole chunks, spare capacity included).</summary>
    public long EmbeddingBytes => Read(() => embeddings.AllocatedBytes);

    /// <summary>Values per embedding (0 before the first embedding of this model).</summary>
    public int Dimension => Read(() => embeddings.Dimension);

    /// <summary>Live images with no embedding of this model id, in enrolment order: the service embeds them again and
    /// appends <see cref="ImageEmbedded"/> records.</summary>
    public IReadOnlyList<ImageEntry> Stale => Read(() => stale.Values.OrderBy(i => i.Sequence).Select(Entry).ToList());

    /// <summary>Applies changes read from the log, in log order; <paramref name="position"/> is where they end.</summary>
    public void Apply(IReadOnlyList<GalleryChange> changes, LogPosition position)
    {
        gate.EnterWriteLock();
        try
        {
            if (position < Position)
                throw new ArgumentOutOfRangeException(nameof(position), position, $"The index of '{Gallery}' is already at {Position}.");
            foreach (GalleryChange change in changes) ApplyOne(change);
            Position = position;
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    public IdentityEntry? Identity(string label) =>
        Read(() => identities.TryGetValue(label, out IdentityState? identity) ? Entry(identity) : null);

    /// <summary>Identities in ordinal label order, starting after <paramref name="after"/> (null: from the first); pass
    /// the last label of a page to get the next.</summary>
    public IReadOnlyList<IdentityEntry> Identities(string? after, int limit) => Read(() =>
    {
        if (limit <= 0 || labels.Count == 0) return [];
        IEnumerable<string> from = after is null ? labels
            : string.CompareOrdinal(after, labels.Max) >= 0 ? []
            : labels.GetViewBetween(after, labels.Max!).SkipWhile(label => label == after);
        return (IReadOnlyList<IdentityEntry>)from.Take(limit).Select(label => Entry(identities[label])).ToList();
    });

    public ImageEntry? Image(string imageId) => Read(() => images.TryGetValue(imageId, out ImageState? image) ? Entry(image) : null);

    /// <summary>
    /// The <paramref name="count"/> images nearest the query by exact L1 distance, nearest first (ties by image id,
    /// ordinal); with <paramref name="label"/>, among that identity's images only. Images without an embedding of this
    /// model are not among them (see <see cref="Stale"/>).
    /// </summary>
    public IReadOnlyList<Neighbour> Nearest(ReadOnlySpan<float> query, int count, string? label = null)
    {
        gate.EnterReadLock();
        try
        {
            List<(float Distance, int Row)> nearest = label is null
                ? NearestScan.Run(embeddings, query, count, RowImageId, scanWorkers)
                : NearestOfIdentity(query, count, label);
            return nearest.Select(n => new Neighbour(rowOwners[n.Row].ImageId, rowOwners[n.Row].Label, n.Distance)).ToList();
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>A copy of the image's embedding by this model; empty when it has none (unknown or stale).</summary>
    public ReadOnlySpan<float> Embedding(string imageId) =>
        Read(() => images.TryGetValue(imageId, out ImageState? image) && image.Row >= 0 ? embeddings.Row(image.Row).ToArray() : []);

    private string RowImageId(int row) => rowOwners[row].ImageId;

    private List<(float Distance, int Row)> NearestOfIdentity(ReadOnlySpan<float> query, int count, string label)
    {
        if (!identities.TryGetValue(label, out IdentityState? identity) || count <= 0) return [];
        if (embeddings.Count > 0 && query.Length != embeddings.Dimension)
            throw new ArgumentException($"The query has {query.Length} values; the gallery's embeddings have {embeddings.Dimension}.");
        var measured = new List<(float Distance, int Row)>();
        foreach (ImageState image in identity.Images)
            if (image.Row >= 0) measured.Add((L1Distance.Between(query, embeddings.Row(image.Row)), image.Row));
        measured.Sort((a, b) => a.Distance != b.Distance
            ? a.Distance.CompareTo(b.Distance)
            : string.CompareOrdinal(RowImageId(a.Row), RowImageId(b.Row)));
        return measured.Count > count ? measured[..count] : measured;
    }

    private void ApplyOne(GalleryChange change)
    {
        switch (change)
        {
            case ImageEnrolled enrolled:
                Enrol(enrolled);
                break;
            case ImageEmbedded embedded:
                // First embedding wins: one that arrives for an image this model has embedded may be of content since replaced.
                if (embedded.ModelId == ModelId && images.TryGetValue(embedded.ImageId, out ImageState? image) && image.Row < 0)
                    GiveRow(image, embedded.Embedding);
                break;
            case ImageRemoved removed:
                if (images.TryGetValue(removed.ImageId, out ImageState? gone)) Remove(gone);
                break;
            case IdentityRemoved removed:
                if (identities.TryGetValue(removed.Label, out IdentityState? identity))
                {
                    foreach (ImageState member in identity.Images.ToList()) Remove(member);
                    DropIdentity(identity);
                }
                break;
            case IdentityDataSet data:
                IdentityState target = IdentityOf(data.Label);
                target.UserData = data.UserData;
                if (target.UserData is null && target.Images.Count == 0) DropIdentity(target);
                break;
            default:
                throw new InvalidDataException($"The index cannot apply a {change.GetType().Name}.");
        }
    }

    private void Enrol(ImageEnrolled enrolled)
    {
        if (images.TryGetValue(enrolled.ImageId, out ImageState? existing))
        {
            if (existing.Label == enrolled.Label)
            {
                // Enrolled again under its label (or a retried append): replace in place, keep its place in the identity.
                bool sameContent = existing.ContentHash == enrolled.ContentHash;
                existing.ContentHash = enrolled.ContentHash;
                existing.EnrolledUtc = enrolled.EnrolledUtc;
                if (enrolled.ModelId == ModelId) GiveRow(existing, enrolled.Embedding);
                else if (!sameContent) TakeRow(existing);
                return;
            }
            Remove(existing);
        }
        var image = new ImageState(enrolled.ImageId, enrolled.Label, enrolled.ContentHash, enrolled.EnrolledUtc, enrolments++);
        images.Add(image.ImageId, image);
        IdentityOf(image.Label).Images.Add(image);
        if (enrolled.ModelId == ModelId) GiveRow(image, enrolled.Embedding);
        else stale.Add(image.ImageId, image);
    }

    private void GiveRow(ImageState image, float[] embedding)
    {
        if (image.Row >= 0)
        {
            embeddings.Set(image.Row, embedding);
            return;
        }
        if (embeddings.Count > 0 && embedding.Length != embeddings.Dimension)
            throw new InvalidDataException(
                $"Gallery '{Gallery}': image '{image.ImageId}' has an embedding of {embedding.Length} values by model {ModelId}, " +
                $"whose other embeddings have {embeddings.Dimension}.");
        image.Row = embeddings.Add(embedding);
        rowOwners.Add(image);
        stale.Remove(image.ImageId);
    }

    private void TakeRow(ImageState image)
    {
        if (image.Row < 0) return;
        int moved = embeddings.RemoveBySwap(image.Row);
        if (moved >= 0)
        {
            ImageState owner = rowOwners[moved];
            owner.Row = image.Row;
            rowOwners[image.Row] = owner;
        }
        rowOwners.RemoveAt(rowOwners.Count - 1);
        image.Row = -1;
        stale[image.ImageId] = image;
    }

    private void Remove(ImageState image)
    {
        TakeRow(image);
        stale.Remove(image.ImageId);
        images.Remove(image.ImageId);
        IdentityState identity = identities[image.Label];
        identity.Images.Remove(image);
        if (identity.Images.Count == 0 && identity.UserData is null) DropIdentity(identity);
    }

    private IdentityState IdentityOf(string label)
    {
        if (identities.TryGetValue(label, out IdentityState? identity)) return identity;
        identity = new IdentityState(label);
        identities.Add(label, identity);
        labels.Add(label);
        return identity;
    }

    private void DropIdentity(IdentityState identity)
    {
        identities.Remove(identity.Label);
        labels.Remove(identity.Label);
    }

    private T Read<T>(Func<T> read)
    {
        gate.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    private static IdentityEntry Entry(IdentityState identity) => new(
        identity.Label,
        identity.Images.Select(i => i.ImageId).ToList(),
        identity.Images.Select(i => i.EnrolledUtc).ToList(),
        identity.UserData);

    private static ImageEntry Entry(ImageState image) =>
        new(image.ImageId, image.Label, image.ContentHash, image.EnrolledUtc, image.Row >= 0);

    private sealed class ImageState(string imageId, string label, string contentHash, DateTimeOffset enrolledUtc, long sequence)
    {
        public string ImageId { get; } = imageId;

        public string Label { get; } = label;

        public string ContentHash { get; set; } = contentHash;

        public DateTimeOffset EnrolledUtc { get; set; } = enrolledUtc;

        /// <summary>Enrolment order across the gallery.</summary>
        public long Sequence { get; } = sequence;

        /// <summary>The image's row of embeddings, or -1 when this model has not embedded it.</summary>
        public int Row { get; set; } = -1;
    }

    private sealed class IdentityState(string label)
    {
        public string Label { get; } = label;

        public List<ImageState> Images { get; } = [];

        public string? UserData { get; set; }
    }
}
