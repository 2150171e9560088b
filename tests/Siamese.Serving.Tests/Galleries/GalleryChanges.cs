using Siamese.Serving.Galleries;

namespace Siamese.Serving.Tests.Galleries;

/// <summary>Changes with random embeddings for the gallery tests, and how to compare them (records hold arrays).</summary>
internal static class GalleryChanges
{
    public static float[] RandomEmbedding(Random random, int dimension = 128)
    {
        var values = new float[dimension];
        for (int i = 0; i < dimension; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    public static ImageEnrolled Enrolled(string imageId, string label, string modelId, float[] embedding) =>
        new(imageId, label, $"hash-{imageId}", modelId, embedding, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>The record with its embedding as text, so that equal records compare equal.</summary>
    public static string Describe(GalleryChange change) => change switch
    {
        ImageEnrolled e => $"{e with { Embedding = [] }} [{string.Join(',', e.Embedding)}]",
        ImageEmbedded e => $"{e with { Embedding = [] }} [{string.Join(',', e.Embedding)}]",
        _ => change.ToString(),
    };
}
