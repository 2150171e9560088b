using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Siamese.Model.Inference;
using Siamese.Serving.Comparison;
using Siamese.Serving.Contracts;
using Siamese.Serving.Provider;

namespace Siamese.Serving.Tests;

/// <summary>
/// A model served in bfloat16 (Serving:Precision=BFloat16; emulated on a CPU without AMX or AVX-512-BF16) answers a
/// compare from its bfloat16 network, except a pair that it scores within <see cref="BFloat16Margin"/> of the threshold:
/// that one is scored again in float32, and answered as an instance serving float32 answers it.
/// </summary>
public sealed class BFloat16CompareTests : IDisposable
{
    private readonly List<ModelProvider> providers = [];

    [Fact]
    public async Task A_pair_near_the_threshold_is_answered_in_float32_and_one_far_from_it_in_bfloat16()
    {
        var characters = SampleImages.SomeCharacters(21);
        ImageUpload first = new("first.png", characters[0].Bytes), second = new("second.png", characters[20].Bytes);
        CompareService float32 = NewService(InferencePrecision.Float32), bfloat16 = NewService(InferencePrecision.BFloat16);

        CompareResponse exact = await float32.CompareAsync(null, first, second, threshold: 0.5, CancellationToken.None);
        double farAway = exact.Similarity > 0.5 ? 0.0 : 1.0;
        CompareResponse far = await bfloat16.CompareAsync(null, first, second, farAway, CancellationToken.None);
        CompareResponse near = await bfloat16.CompareAsync(null, first, second, far.Similarity, CancellationToken.None);

        Assert.Equal(("float32", "bfloat16"), (exact.Model.Precision, far.Model.Precision));
        Assert.NotEqual(exact.Similarity, far.Similarity);
        Assert.InRange(Math.Abs(far.Similarity - exact.Similarity), 0, BFloat16Margin.Similarity);
        Assert.Equal(exact.Similarity, near.Similarity);
        Assert.Equal(exact.Similarity >= far.Similarity, near.IsSame);
    }

    private CompareService NewService(InferencePrecision precision)
    {
        var options = Options.Create(new ServingOptions { Precision = precision });
        var time = new FakeTimeProvider();
        var choice = new PrecisionChoice(options, NullLogger<PrecisionChoice>.Instance);
        var provider = new ModelProvider(new FakeServedModelSource(time), choice, options, time, NullLogger<ModelProvider>.Instance);
        providers.Add(provider);
        return new CompareService(provider, new Embedder(new EmbeddingCache(options), options), options);
    }

    public void Dispose()
    {
        foreach (var provider in providers) provider.Dispose();
    }
}
