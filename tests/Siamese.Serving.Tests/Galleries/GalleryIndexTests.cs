using Siamese.Serving.Galleries;

namespace Siamese.Serving.Tests.Galleries;

public sealed class GalleryIndexTests
{
    private const string Model = "model-a";
    private const string OtherModel = "model-b";
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private int applied;

    [Fact]
    public void Enrolments_make_identities_and_images_with_their_embeddings()
    {
        GalleryIndex index = new("g", Model);
        float[] a = [1, 2, 3], b = [4, 5, 6];

        Apply(index, Enrol("a1", "alice", a, Monday), Enrol("a2", "alice", b, Monday.AddHours(1)), Enrol("b1", "bob", b, Monday));

        Assert.Equal(3, index.ImageCount);
        Assert.Equal(2, index.IdentityCount);
        IdentityEntry alice = index.Identity("alice")!;
        Assert.Equal(["a1", "a2"], alice.ImageIds);
        Assert.Equal([Monday, Monday.AddHours(1)], alice.EnrolledUtc);
        Assert.Null(alice.UserData);
        Assert.Equal(new ImageEntry("a2", "alice", "hash-a2", Monday.AddHours(1), HasEmbedding: true), index.Image("a2"));
        Assert.Equal(a, index.Embedding("a1").ToArray());
        Assert.Null(index.Identity("carol"));
        Assert.Null(index.Image("zz"));
        Assert.Equal(3 * sizeof(float) * new GalleryIndexOptions().RowsPerChunk, index.EmbeddingBytes);
    }

    [Fact]
    public void The_log_position_advances_with_each_apply_and_never_goes_back()
    {
        GalleryIndex index = new("g", Model);

        index.Apply([new ImageRemoved("x")], new LogPosition(1, 10));

        Assert.Equal(new LogPosition(1, 10), index.Position);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Apply([], new LogPosition(0, 500)));
    }

    [Fact]
    public void Images_of_another_model_are_stale_until_embedded_by_this_one()
    {
        GalleryIndex index = new("g", OtherModel);
        Apply(index, Enrol("a1", "alice", [1, 1]), Enrol("b1", "bob", [2, 2]), Enrol("c1", "carol", [3, 3]));

        Assert.Equal(["a1", "b1", "c1"], index.Stale.Select(i => i.ImageId));
        Assert.False(index.Image("a1")!.HasEmbedding);
        Assert.Empty(index.Nearest([0, 0], 5));
        Assert.True(index.Embedding("a1").IsEmpty);

        Apply(index, new ImageEmbedded("b1", OtherModel, [9, 9]), new ImageEmbedded("a1", "model-c", [7, 7]));

        Assert.Equal(["a1", "c1"], index.Stale.Select(i => i.ImageId));
        Assert.Equal([new Neighbour("b1", "bob", 18)], index.Nearest([0, 0], 5));

        // The first embedding by a model wins: a later one may be of content replaced in between.
        Apply(index, new ImageEmbedded("b1", OtherModel, [1, 1]));
        Assert.Equal([9f, 9f], index.Embedding("b1").ToArray());
    }

    [Fact]
    public void Re_embedding_under_the_current_model_and_enrolling_again_keep_one_row_per_image()
    {
        GalleryIndex index = new("g", Model);
        Apply(index, Enrol("a1", "alice", [1, 1]), Enrol("a2", "alice", [2, 2]));

        Apply(index, Enrol("a1", "alice", [5, 5])); // again under its label: in place
        Apply(index, Enrol("a2", "bob", [3, 3])); // under another label: moves

        Assert.Equal(["a1"], index.Identity("alice")!.ImageIds);
        Assert.Equal(["a2"], index.Identity("bob")!.ImageIds);
        Assert.Equal([5f, 5f], index.Embedding("a1").ToArray());
        Assert.Equal(2, index.Nearest([0, 0], 10).Count);
    }

    [Fact]
    public void Removing_an_image_moves_the_last_row_into_its_place()
    {
        GalleryIndex index = new("g", Model);
        Apply(index, Enrol("a", "x", [1]), Enrol("b", "x", [2]), Enrol("c", "y", [3]), Enrol("d", "y", [4]));

        Apply(index, new ImageRemoved("b"), new ImageRemoved("nobody"));

        Assert.Equal(3, index.ImageCount);
        Assert.Equal(["a"], index.Identity("x")!.ImageIds);
        Assert.Equal([4f], index.Embedding("d").ToArray());
        Assert.Equal(["a", "c", "d"], index.Nearest([0], 10).Select(n => n.ImageId));
        Assert.Equal([1f, 3f, 4f], index.Nearest([0], 10).Select(n => n.Distance));
    }

    [Fact]
    public void Removing_an_identity_removes_its_images_and_data_and_the_label_can_be_enrolled_again()
    {
        GalleryIndex index = new("g", Model);
        Apply(index, Enrol("a1", "alice", [1]), Enrol("a2", "alice", [2]), Enrol("b1", "bob", [3]),
            new IdentityDataSet("alice", """{"team":"red"}"""));

        Apply(index, new IdentityRemoved("alice"));

        Assert.Null(index.Identity("alice"));
        Assert.Null(index.Image("a1"));
        Assert.Equal(["b1"], index.Nearest([0], 10).Select(n => n.ImageId));

        Apply(index, Enrol("a3", "alice", [4]));

        Assert.Equal(["a3"], index.Identity("alice")!.ImageIds);
        Assert.Equal(2, index.IdentityCount);
    }

    [Fact]
    public void User_data_is_kept_per_identity_set_cleared_and_an_identity_of_data_alone_exists()
    {
        GalleryIndex index = new("g", Model);
        Apply(index, Enrol("a1", "alice", [1]), new IdentityDataSet("alice", """{"v":1}"""), new IdentityDataSet("carol", "{}"));

        Assert.Equal("""{"v":1}""", index.Identity("alice")!.UserData);
        Assert.Empty(index.Identity("carol")!.ImageIds);
        Assert.Equal(2, index.IdentityCount);

        Apply(index, new IdentityDataSet("alice", """{"v":2}"""), new IdentityDataSet("carol", null), new ImageRemoved("a1"));

        Assert.Null(index.Identity("carol"));
        Assert.Equal("""{"v":2}""", index.Identity("alice")!.UserData);
        Assert.Empty(index.Identity("alice")!.ImageIds);
    }

    [Fact]
    public void Identities_page_in_ordinal_label_order()
    {
        GalleryIndex index = new("g", Model);
        string[] labels = ["b", "a", "B", "é", "aa", "c", "A"];
        Apply(index, labels.Select((label, i) => (GalleryChange)Enrol($"i{i}", label, [i])).ToArray());

        var pages = new List<string[]>();
        for (string? after = null; ;)
        {
            var page = index.Identities(after, 3);
            if (page.Count == 0) break;
            pages.Add(page.Select(p => p.Label).ToArray());
            after = page[^1].Label;
        }

        Assert.Equal([["A", "B", "a"], ["aa", "b", "c"], ["é"]], pages);
        Assert.Equal(["aa", "b"], index.Identities("a0", 2).Select(p => p.Label));
        Assert.Empty(index.Identities("\u00ff", 3));
        Assert.Empty(index.Identities(null, 0));
    }

    [Theory]
    [InlineData(128, 20_000, 4)]
    [InlineData(37, 3_000, 1)]
    public void Nearest_equals_a_brute_force_scan_exactly(int dimension, int images, int workers)
    {
        var random = new Random(dimension);
        GalleryIndex index = new("g", Model, new GalleryIndexOptions { RowsPerChunk = 256, ScanWorkers = workers });
        var changes = new List<GalleryChange>();
        for (int i = 0; i < images; i++)
            changes.Add(Enrol($"img{i:D5}", $"label{i % 500:D3}", GalleryChanges.RandomEmbedding(random, dimension)));
        float[] duplicate = GalleryChanges.RandomEmbedding(random, dimension);
        for (int i = 0; i < 5; i++) changes.Add(Enrol($"dup{i}", "twins", duplicate)); // equal distances: ordered by id
        for (int i = 0; i < images; i += 7) changes.Add(new ImageRemoved($"img{i:D5}"));
        changes.Add(new IdentityRemoved("label001"));
        Apply(index, [.. changes]);

        foreach (float[] query in new[] { GalleryChanges.RandomEmbedding(random, dimension), duplicate })
        {
            Assert.Equal(BruteForce(index, query, 64, label: null), index.Nearest(query, 64));
            Assert.Equal(BruteForce(index, query, 5, "label002"), index.Nearest(query, 5, "label002"));
            Assert.Equal(BruteForce(index, query, 3, "twins"), index.Nearest(query, 3, "twins"));
        }
        Assert.All(index.Nearest(duplicate, 5), n => Assert.Equal("twins", n.Label));
        Assert.Equal(index.ImageCount, index.Nearest(duplicate, int.MaxValue / 2).Count);
        Assert.Empty(index.Nearest(duplicate, 5, "nobody"));
    }

    [Fact]
    public void The_SIMD_distance_agrees_with_a_scalar_sum_in_double()
    {
        var random = new Random(11);
        foreach (int length in new[] { 0, 1, 3, 4, 7, 8, 15, 16, 31, 33, 64, 100, 128, 129, 300 })
        {
            float[] a = GalleryChanges.RandomEmbedding(random, length), b = GalleryChanges.RandomEmbedding(random, length);
            double expected = a.Zip(b, (x, y) => Math.Abs((double)x - y)).Sum();

            Assert.Equal(expected, L1Distance.Between(a, b), 1e-5 * Math.Max(1, expected));
        }
    }

    private static List<Neighbour> BruteForce(GalleryIndex index, float[] query, int count, string? label)
    {
        var candidates = new List<Neighbour>();
        foreach (IdentityEntry identity in index.Identities(null, int.MaxValue))
        {
            if (label is not null && identity.Label != label) continue;
            foreach (string imageId in identity.ImageIds)
                candidates.Add(new Neighbour(imageId, identity.Label, L1Distance.Between(query, index.Embedding(imageId))));
        }
        return candidates.OrderBy(n => n.Distance).ThenBy(n => n.ImageId, StringComparer.Ordinal).Take(count).ToList();
    }

    private static ImageEnrolled Enrol(string imageId, string label, float[] embedding, DateTimeOffset? when = null) =>
        GalleryChanges.Enrolled(imageId, label, Model, embedding) with { EnrolledUtc = when ?? Monday };

    private void Apply(GalleryIndex index, params GalleryChange[] changes) =>
        index.Apply(changes, new LogPosition(0, ++applied));
}
