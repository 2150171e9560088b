using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Siamese.Model.Checkpoints;
using Siamese.Serving.Contracts;
using Siamese.Testing;
using Siamese.Testing.Stack;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace Siamese.Functions.Tests;

/// <summary>The HTTP functions through the local host.</summary>
[Collection(PipelineCollection.Name)]
public class CompareApiTests(StackFixture pipeline)
{
    private static readonly IReadOnlyList<(string Name, byte[] Bytes)> Characters = SampleImages.SomeCharacters(60);
    private static byte[] ClassA1 => Characters[0].Bytes;
    private static byte[] ClassA2 => Characters[1].Bytes;
    private static byte[] ClassB1 => Characters[20].Bytes;
    private static byte[] ClassC1 => Characters[40].Bytes;

    [Fact]
    public async Task Compare_scores_the_same_character_above_different_ones_and_ignores_the_order_of_the_pair()
    {
        await pipeline.ServeDefaultModelAsync();   // a trained model, whatever the tests before promoted

        CompareResponse same = await CompareAsync(Multipart(ClassA1, ClassA2));
        CompareResponse swapped = await CompareAsync(Multipart(ClassA2, ClassA1));
        CompareResponse different = await CompareAsync(Json(ClassA1, ClassB1));
        CompareResponse alsoDifferent = await CompareAsync(Json(ClassA2, ClassC1));

        Assert.Equal("default", (await pipeline.Http.GetFromJsonAsync<ModelInfo>("/api/models/current"))!.Source);
        Assert.True(same.Similarity > Math.Max(different.Similarity, alsoDifferent.Similarity),
            $"same character {same.Similarity:F4}, different characters {different.Similarity:F4} and {alsoDifferent.Similarity:F4}");
        Assert.Equal(same.Similarity, swapped.Similarity);
        Assert.Equal(same.Similarity >= same.Threshold, same.IsSame);
        Assert.Equal(different.Similarity >= different.Threshold, different.IsSame);
        Assert.False(string.IsNullOrEmpty(same.Model.RunId));
        Assert.True(same.Timing.TotalMs > 0);
    }

    [Fact]
    public async Task A_preview_is_the_image_as_the_served_model_receives_it()
    {
        await pipeline.ServeDefaultModelAsync();
        var preprocessing = Siamese.Model.Checkpoints.DefaultModel.ReadMetadata().Preprocessing;
        byte[] input = preprocessing.ToPreprocessor().ToNetworkInput(ClassA1, "a", preprocessing.ColorMode);

        using var body = new ByteArrayContent(ClassA1);
        using HttpResponseMessage response = await pipeline.Http.PostAsync("/api/preview", body);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using Image<L8> preview = Image.Load<L8>(await response.Content.ReadAsByteArrayAsync());
        var pixels = new byte[preview.Width * preview.Height];
        preview.CopyPixelDataTo(pixels);
        Assert.Equal(input, pixels);
        await AssertProblemAsync(await pipeline.Http.PostAsync("/api/preview", new ByteArrayContent([1, 2, 3])),
            HttpStatusCode.BadRequest, "image.unknown-format");
    }

    [Fact]
    public async Task A_jpeg_and_a_png_of_the_same_picture_score_nearly_the_same()
    {
        using Image<Rgb24> picture = Image.Load<Rgb24>(ClassA1);
        using var jpeg = new MemoryStream();
        await picture.SaveAsJpegAsync(jpeg, new JpegEncoder { Quality = 90 });

        CompareResponse png = await CompareAsync(Multipart(ClassA1, ClassB1));
        CompareResponse jpg = await CompareAsync(Multipart(jpeg.ToArray(), ClassB1));

        Assert.InRange(Math.Abs(png.Similarity - jpg.Similarity), 0, 0.05);
    }

    [Theory]
    [InlineData("missing image", HttpStatusCode.BadRequest, "image.missing")]
    [InlineData("not an image", HttpStatusCode.BadRequest, "image.unknown-format")]
    [InlineData("truncated image", HttpStatusCode.BadRequest, "image.corrupt")]
    [InlineData("oversized payload", HttpStatusCode.RequestEntityTooLarge, "request.too-large")]
    [InlineData("pixel bomb", HttpStatusCode.BadRequest, "image.too-many-pixels")]
    public async Task Bad_compare_requests_get_specific_problem_details(string kind, HttpStatusCode status, string code)
    {
        HttpContent content = kind switch
        {
            "missing image" => CompareForms.Of(("image1", ClassA1)),
            "not an image" => Multipart("just some text"u8.ToArray(), ClassA1),
            "truncated image" => Multipart(ClassA1[..(ClassA1.Length / 2)], ClassA2),
            "oversized payload" => Multipart(new byte[17 << 20], ClassA2),
            _ => Multipart(TestZips.PngClaiming(100_000, 100_000), ClassA2),
        };

        await AssertProblemAsync(await pipeline.Http.PostAsync("/api/compare", content), status, code);
    }

    [Fact]
    public async Task A_batch_is_scored_pair_by_pair_and_empty_or_oversized_batches_are_refused()
    {
        var pairs = Enumerable.Range(0, 5)
            .Select(i => new CompareRequest(Base64(Characters[i].Bytes), Base64(Characters[20 + i].Bytes)))
            .ToList();
        var response = await pipeline.Http.PostAsJsonAsync("/api/compare/batch", new BatchCompareRequest(pairs));
        response.EnsureSuccessStatusCode();
        var batch = (await response.Content.ReadFromJsonAsync<BatchCompareResponse>())!;
        CompareResponse first = await CompareAsync(Json(Characters[0].Bytes, Characters[20].Bytes));

        Assert.Equal(5, batch.Results.Count);
        Assert.Equal(first.Similarity, batch.Results[0].Similarity, 5);
        await AssertProblemAsync(await pipeline.Http.PostAsJsonAsync("/api/compare/batch", new BatchCompareRequest([])),
            HttpStatusCode.BadRequest, "batch.empty");
        var tooMany = Enumerable.Repeat(pairs[0], 65).ToList();
        await AssertProblemAsync(await pipeline.Http.PostAsJsonAsync("/api/compare/batch", new BatchCompareRequest(tooMany)),
            HttpStatusCode.BadRequest, "batch.too-many-pairs");
    }

    [Fact]
    public async Task The_current_model_is_reported()
    {
        var model = (await pipeline.Http.GetFromJsonAsync<ModelInfo>("/api/models/current"))!;

        Assert.False(string.IsNullOrEmpty(model.RunId));
        Assert.Contains(model.Source, new[] { "default", "storage" });
        Assert.Contains("width", model.Config);
    }

    private async Task<CompareResponse> CompareAsync(HttpContent content)
    {
        var response = await pipeline.Http.PostAsync("/api/compare", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CompareResponse>())!;
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }

    private static MultipartFormDataContent Multipart(byte[] image1, byte[] image2) => CompareForms.Pair(image1, image2);

    private static JsonContent Json(byte[] image1, byte[] image2) => JsonContent.Create(new CompareRequest(Base64(image1), Base64(image2)));

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes);
}
