using Microsoft.Extensions.Options;
using Siamese.Serving.Comparison;

namespace Siamese.Serving.Tests;

/// <summary>Embeddings by model and image, least recently used first out, with hits and misses counted.</summary>
public class EmbeddingCacheTests
{
    private const string Model = "run/1";

    [Fact]
    public void The_least_recently_used_entry_goes_first_and_a_hit_makes_an_entry_recent()
    {
        EmbeddingCache cache = Cache(capacity: 2);
        cache.Add(Model, "a", [1]);
        cache.Add(Model, "b", [2]);
        Assert.True(cache.TryGet(Model, "a", out _));   // a is now more recent than b

        cache.Add(Model, "c", [3]);

        Assert.False(cache.TryGet(Model, "b", out _));
        Assert.True(cache.TryGet(Model, "a", out float[] a));
        Assert.True(cache.TryGet(Model, "c", out float[] c));
        Assert.Equal([1f], a);
        Assert.Equal([3f], c);
    }

    [Fact]
    public void Without_hits_the_oldest_entries_go_and_the_count_stays_at_the_capacity()
    {
        EmbeddingCache cache = Cache(capacity: 3);

        for (int i = 0; i < 5; i++) cache.Add(Model, $"image{i}", [i]);

        Assert.Equal(3, cache.Count);
        Assert.Equal([false, false, true, true, true], Enumerable.Range(0, 5).Select(i => cache.TryGet(Model, $"image{i}", out _)));
    }

    [Fact]
    public void Hits_and_misses_are_counted_and_a_miss_gives_an_empty_embedding()
    {
        EmbeddingCache cache = Cache(capacity: 4);
        cache.Add(Model, "a", [0.5f, 0.25f]);

        bool hit = cache.TryGet(Model, "a", out float[] found);
        bool miss = cache.TryGet(Model, "b", out float[] missing);
        cache.TryGet(Model, "a", out _);

        Assert.True(hit);
        Assert.Equal([0.5f, 0.25f], found);
        Assert.False(miss);
        Assert.Empty(missing);
        Assert.Equal((2L, 1L), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void The_same_image_under_another_model_is_another_entry()
    {
        EmbeddingCache cache = Cache(capacity: 4);
        cache.Add("run/1", "a", [1]);
        cache.Add("run/2", "a", [2]);

        Assert.True(cache.TryGet("run/2", "a", out float[] second));
        Assert.True(cache.TryGet("run/1", "a", out float[] first));
        Assert.False(cache.TryGet("run/3", "a", out _));
        Assert.Equal([1f], first);
        Assert.Equal([2f], second);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Capacity_zero_keeps_nothing_and_every_lookup_is_a_miss()
    {
        EmbeddingCache cache = Cache(capacity: 0);

        cache.Add(Model, "a", [1]);

        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet(Model, "a", out _));
        Assert.Equal((0L, 1L), (cache.Hits, cache.Misses));
    }

    private static EmbeddingCache Cache(int capacity) =>
        new(Options.Create(new ServingOptions { EmbeddingCacheEntries = capacity }));
}
