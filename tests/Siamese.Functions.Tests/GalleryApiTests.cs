using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Serving.Contracts;
using Siamese.Serving.Provider;
using Siamese.Storage;
using Siamese.Testing.Stack;

namespace Siamese.Functions.Tests;

/// <summary>
/// Galleries through the HTTP API: identities with many images, managed, verified against, identified and searched; images
/// grouped; every bad input a 4xx with its code; concurrent enrolments all kept.
/// </summary>
[Collection(PipelineCollection.Name)]
public class GalleryApiTests(StackFixture pipeline)
{
    /// <summary>20 drawings of each character: [0..20) one character, [20..40) another, [40..60) a third.</summary>
    private static readonly IReadOnlyList<(string Name, byte[] Bytes)> Characters = SampleImages.SomeCharacters(60);

    [Fact]
    public async Task An_identity_holds_many_images_which_are_listed_paged_and_removed_one_by_one_and_a_gallery_is_deleted()
    {
        string gallery = NewGallery();
        EnrolledImageResponse first = await AddAsync(gallery, "alpha", 0);
        await AddAsync(gallery, "alpha", 1);
        await AddAsync(gallery, "beta", 20);
        await AddAsync(gallery, "gamma", 40);
        using (var data = await pipeline.Http.PutAsJsonAsync($"/api/galleries/{gallery}/identities/alpha",
                   new IdentityDataRequest("{\"customer\": 42}")))
            Assert.True(data.IsSuccessStatusCode, await data.Content.ReadAsStringAsync());

        GalleryResponse summary = await GetAsync<GalleryResponse>($"/api/galleries/{gallery}");
        IdentityListResponse page1 = await GetAsync<IdentityListResponse>($"/api/galleries/{gallery}/identities?limit=2");
        IdentityListResponse page2 =
            await GetAsync<IdentityListResponse>($"/api/galleries/{gallery}/identities?limit=2&after={page1.Next}");
        IdentityResponse alpha = await GetAsync<IdentityResponse>($"/api/galleries/{gallery}/identities/alpha");

        Assert.Equal(("default", 3, 4), (summary.Model, summary.Identities, summary.Images));
        Assert.Equal(["alpha", "beta"], page1.Identities.Select(i => i.Label));
        Assert.Equal(("beta", 2), (page1.Next, page1.Identities[0].Images));
        Assert.Equal(["gamma"], page2.Identities.Select(i => i.Label));
        Assert.Null(page2.Next);
        Assert.Equal("{\"customer\": 42}", alpha.UserData);
        Assert.Equal(2, alpha.Images.Count);
        Assert.Equal(first.ImageId, alpha.Images[0].ImageId);

        Assert.Equal(HttpStatusCode.NoContent,
            (await pipeline.Http.DeleteAsync($"/api/galleries/{gallery}/identities/alpha/images/{first.ImageId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await pipeline.Http.DeleteAsync($"/api/galleries/{gallery}/identities/gamma")).StatusCode);
        IdentityResponse alphaAfter = await GetAsync<IdentityResponse>($"/api/galleries/{gallery}/identities/alpha");
        GalleryResponse after = await GetAsync<GalleryResponse>($"/api/galleries/{gallery}");
        Assert.Equal(alpha.Images[1].ImageId, alphaAfter.Images.Single().ImageId);
        var galleries = pipeline.Blobs.GetBlobContainerClient(StorageNames.GalleriesContainer);
        Assert.False((await galleries.GetBlobClient($"{gallery}/images/{first.ImageId}").ExistsAsync()).Value);   // bytes gone too
        Assert.True((await galleries.GetBlobClient($"{gallery}/images/{alpha.Images[1].ImageId}").ExistsAsync()).Value);
        Assert.Equal((2, 2), (after.Identities, after.Images));

        Assert.Equal(HttpStatusCode.NoContent, (await pipeline.Http.DeleteAsync($"/api/galleries/{gallery}")).StatusCode);
        await CompareApiTests.AssertProblemAsync(await pipeline.Http.GetAsync($"/api/galleries/{gallery}"),
            HttpStatusCode.NotFound, "gallery.not-found");
    }

    [Fact]
    public async Task Verify_scores_an_image_against_all_of_an_identitys_images_and_agrees_with_compare_for_one_image()
    {
        await pipeline.ServeDefaultModelAsync();
        string gallery = NewGallery();
        foreach (int i in new[] { 0, 1, 2 }) await AddAsync(gallery, "alpha", i);
        await AddAsync(gallery, "single", 20);

        VerifyResponse same = await VerifyAsync(gallery, "alpha", 3);
        VerifyResponse other = await VerifyAsync(gallery, "alpha", 21);
        VerifyResponse single = await VerifyAsync(gallery, "single", 3);
        CompareResponse direct = await CompareAsync(3, 20);

        Assert.True(same.Similarity > other.Similarity, $"same character {same.Similarity}, another {other.Similarity}");
        Assert.Equal((3, same.Similarity >= same.Threshold), (same.IdentityImages, same.IsSame));
        Assert.False(string.IsNullOrWhiteSpace(same.Rule));
        Assert.Equal(direct.Similarity, single.Similarity, 5);
        Assert.Equal(direct.Threshold, single.Threshold);
    }

    [Fact]
    public async Task Identify_ranks_identities_by_the_verify_score_and_answers_nothing_when_no_identity_passes_the_threshold()
    {
        await pipeline.ServeDefaultModelAsync();
        string gallery = NewGallery();
        // The query is alpha's first image: alpha must come first whatever the model thinks of the other drawings.
        foreach (var (label, image) in new[] { ("alpha", 0), ("alpha", 1), ("beta", 20), ("gamma", 40) })
            await AddAsync(gallery, label, image);

        IdentifyResponse identified =
            await PostImageAsync<IdentifyResponse>($"/api/galleries/{gallery}/identify?top=3&threshold=0.000001", 0);
        IdentifyResponse none = await PostImageAsync<IdentifyResponse>($"/api/galleries/{gallery}/identify?threshold=0.999999", 41);

        Assert.Equal(3, identified.Matches.Count);
        Assert.True(identified.Matches[0].Label == "alpha", string.Join(", ", identified.Matches.Select(m => $"{m.Label} {m.Score}")));
        Assert.True(identified.Matches.Zip(identified.Matches.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        foreach (IdentifyMatch match in identified.Matches)
            Assert.Equal((await VerifyAsync(gallery, match.Label, 0)).Similarity, match.Score, 5);
        Assert.Empty(none.Matches);
        Assert.Equal(0.999999, none.Threshold);
    }

    [Fact]
    public async Task Similar_finds_the_nearest_enrolled_images_to_an_image_or_to_an_enrolled_one_leaving_that_one_out()
    {
        await pipeline.ServeDefaultModelAsync();
        string gallery = NewGallery();
        EnrolledImageResponse a0 = await AddAsync(gallery, "alpha", 0);
        EnrolledImageResponse a1 = await AddAsync(gallery, "alpha", 1);
        EnrolledImageResponse b20 = await AddAsync(gallery, "beta", 20);
        var enrolledImage = new Dictionary<string, int> { [a0.ImageId] = 0, [a1.ImageId] = 1, [b20.ImageId] = 20 };

        SimilarResponse byImage = await PostImageAsync<SimilarResponse>($"/api/galleries/{gallery}/similar?top=3", 2);
        using var byIdResponse = await pipeline.Http.PostAsync($"/api/galleries/{gallery}/similar?image={a0.ImageId}", null);
        Assert.True(byIdResponse.IsSuccessStatusCode, await byIdResponse.Content.ReadAsStringAsync());
        SimilarResponse byId = (await byIdResponse.Content.ReadFromJsonAsync<SimilarResponse>())!;

        Assert.Equal(3, byImage.Images.Count);
        Assert.True(byImage.Images.Zip(byImage.Images.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
        foreach (SimilarImage found in byImage.Images)
            Assert.Equal((await CompareAsync(2, enrolledImage[found.ImageId])).Similarity, found.Similarity, 5);
        Assert.DoesNotContain(byId.Images, i => i.ImageId == a0.ImageId);
        Assert.Equal(2, byId.Images.Count);
        Assert.Equal((await CompareAsync(0, 20)).Similarity, byId.Images.Single(i => i.Label == "beta").Similarity, 5);
    }

    [Fact]
    public async Task An_enrolled_image_comes_back_as_enrolled_and_only_under_its_own_identity()
    {
        string gallery = NewGallery();
        EnrolledImageResponse alpha = await AddAsync(gallery, "alpha", 0);
        await AddAsync(gallery, "beta", 20);

        using HttpResponseMessage image = await pipeline.Http.GetAsync($"/api/galleries/{gallery}/identities/alpha/images/{alpha.ImageId}");

        Assert.True(image.IsSuccessStatusCode, await image.Content.ReadAsStringAsync());
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Characters[0].Bytes, await image.Content.ReadAsByteArrayAsync());
        await CompareApiTests.AssertProblemAsync(
            await pipeline.Http.GetAsync($"/api/galleries/{gallery}/identities/beta/images/{alpha.ImageId}"),
            HttpStatusCode.NotFound, "gallery.image-not-found");
    }

    [Fact]
    public async Task Group_partitions_the_images_and_keeps_apart_the_ones_that_reach_nobody()
    {
        await pipeline.ServeDefaultModelAsync();
        int[] images = [0, 1, 2, 20, 21, 40];

        GroupResponse byModel = await GroupAsync(images, threshold: null);
        GroupResponse apart = await GroupAsync([0, 20, 40], threshold: 0.999999);

        Assert.Equal(images.Select(Name).Order(), byModel.Groups.SelectMany(g => g).Concat(byModel.Ungrouped).Order());
        Assert.All(byModel.Groups, g => Assert.True(g.Count >= 2));
        Assert.Empty(apart.Groups);
        Assert.Equal(new[] { 0, 20, 40 }.Select(Name), apart.Ungrouped);
    }

    [Fact]
    public async Task After_the_names_model_changes_a_search_scores_with_the_new_models_embeddings_only()
    {
        string name = "m" + Guid.NewGuid().ToString("N")[..12], gallery = NewGallery();
        await pipeline.PublishModelAsync("r" + Guid.NewGuid().ToString("N")[..12], name);
        foreach (var (label, image) in new[] { ("alpha", 0), ("beta", 20) })
            using (var enrolled = await pipeline.Http.PostAsync($"/api/galleries/{gallery}/identities/{label}/images?model={name}",
                       new ByteArrayContent(Characters[image].Bytes)))
                Assert.True(enrolled.IsSuccessStatusCode, await enrolled.Content.ReadAsStringAsync());
        string newRun = "r" + Guid.NewGuid().ToString("N")[..12];
        await pipeline.PublishModelAsync(newRun, name);
        pipeline.Services.GetRequiredService<ModelProvider>().CheckNow(name);   // at once, not at the next reload interval

        IdentifyResponse after = await PostImageAsync<IdentifyResponse>(
            $"/api/galleries/{gallery}/identify?model={name}&top=2&threshold=0.000001", 1);

        Assert.Equal(newRun, after.Model.RunId);
        Assert.Equal(2, after.Matches.Count);
        foreach (IdentifyMatch match in after.Matches)
        {
            using var response = await pipeline.Http.PostAsync($"/api/compare?model={name}",
                CompareForms.Pair(Characters[1].Bytes, Characters[match.Label == "alpha" ? 0 : 20].Bytes));
            CompareResponse direct = (await response.Content.ReadFromJsonAsync<CompareResponse>())!;
            Assert.Equal(newRun, direct.Model.RunId);
            Assert.Equal(direct.Similarity, match.Score, 5);
        }
    }

    [Fact]
    public async Task Concurrent_enrolments_from_eight_clients_are_all_kept_and_none_fails()
    {
        string gallery = NewGallery();
        const int clients = 8, each = 12;

        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var statuses = new List<HttpStatusCode>();
            for (int i = 0; i < each; i++)
            {
                using var response = await pipeline.Http.PostAsync($"/api/galleries/{gallery}/identities/client{client}/images",
                    new ByteArrayContent(Characters[(client * each + i) % Characters.Count].Bytes));
                statuses.Add(response.StatusCode);
            }
            return statuses;
        })));

        Assert.All(results.SelectMany(s => s), status => Assert.Equal(HttpStatusCode.Created, status));
        GalleryResponse summary = await GetAsync<GalleryResponse>($"/api/galleries/{gallery}");
        Assert.Equal((clients, clients * each), (summary.Identities, summary.Images));
        for (int client = 0; client < clients; client++)
            Assert.Equal(each, (await GetAsync<IdentityResponse>($"/api/galleries/{gallery}/identities/client{client}")).Images.Count);
    }

    [Fact]
    public async Task Every_gallery_route_refuses_bad_input_with_a_status_and_a_code()
    {
        string gallery = NewGallery(), missing = NewGallery();
        EnrolledImageResponse enrolled = await AddAsync(gallery, "alpha", 0);
        byte[] image = Characters[1].Bytes;
        ByteArrayContent Image() => new(image);

        string at = $"/api/galleries/{gallery}", none = $"/api/galleries/{missing}";
        const HttpStatusCode Bad = HttpStatusCode.BadRequest, NotFound = HttpStatusCode.NotFound;
        const HttpStatusCode Unsupported = HttpStatusCode.UnsupportedMediaType;
        HttpContent NotAnImage() => new ByteArrayContent("not an image"u8.ToArray());
        HttpContent TooMuchData() => JsonContent.Create(new IdentityDataRequest(new string('d', 17_000)));
        HttpContent BrokenJson() => new StringContent("{", System.Text.Encoding.UTF8, "application/json");
        HttpContent TooManyImages() => Form(Enumerable.Range(0, 101).Select(i => i % 60).ToArray(), distinctNames: true);
        var cases = new (string Method, string Route, Func<HttpContent?> Body, HttpStatusCode Status, string Code)[]
        {
            ("POST", $"{at}/identities/%01%02/images", Image, Bad, "gallery.label"),
            ("POST", $"{at}/identities/{new string('x', 129)}/images", Image, Bad, "gallery.label"),
            ("POST", $"{at}/identities/%20alpha/images", Image, Bad, "gallery.label"),
            ("POST", "/api/galleries/bad.name/identities/alpha/images", Image, Bad, "gallery.name"),
            ("POST", $"{at}/identities/alpha/images", () => new ByteArrayContent([]), Bad, "image.missing"),
            ("POST", $"{at}/identities/alpha/images", () => JsonContent.Create(new { }), Unsupported, "request.content-type"),
            ("POST", $"{at}/identities/alpha/images", NotAnImage, Bad, "image.unknown-format"),
            ("GET", $"{none}", () => null, NotFound, "gallery.not-found"),
            ("DELETE", $"{none}", () => null, NotFound, "gallery.not-found"),
            ("GET", $"{none}/identities", () => null, NotFound, "gallery.not-found"),
            ("GET", $"{at}/identities?limit=0", () => null, Bad, "gallery.limit"),
            ("GET", $"{at}/identities?limit=many", () => null, Bad, "request.query"),
            ("GET", $"{at}/identities/nobody", () => null, NotFound, "gallery.identity-not-found"),
            ("PUT", $"{at}/identities/alpha", TooMuchData, Bad, "gallery.user-data"),
            ("PUT", $"{at}/identities/alpha", BrokenJson, Bad, "request.json"),
            ("DELETE", $"{at}/identities/nobody", () => null, NotFound, "gallery.identity-not-found"),
            ("DELETE", $"{at}/identities/alpha/images/no-such-image", () => null, NotFound, "gallery.image-not-found"),
            ("DELETE", $"{at}/identities/beta/images/{enrolled.ImageId}", () => null, NotFound, "gallery.image-not-found"),
            ("POST", $"{at}/identities/nobody/verify", Image, NotFound, "gallery.identity-not-found"),
            ("POST", $"{at}/identities/alpha/verify?threshold=2", Image, Bad, "threshold.invalid"),
            ("POST", $"{none}/identities/alpha/verify", Image, NotFound, "gallery.not-found"),
            ("POST", $"{at}/identify?top=0", Image, Bad, "gallery.top-k"),
            ("POST", $"{at}/identify?top=x", Image, Bad, "gallery.top-k"),
            ("POST", $"{none}/identify", Image, NotFound, "gallery.not-found"),
            ("POST", $"{at}/identify?model=Bad", Image, Bad, "model.invalid-name"),
            ("POST", $"{at}/similar", () => null, Bad, "gallery.similar-query"),
            ("POST", $"{at}/similar?image={enrolled.ImageId}", Image, Bad, "gallery.similar-query"),
            ("POST", $"{at}/similar?image=no-such-image", () => null, NotFound, "gallery.image-not-found"),
            ("POST", "/api/group", () => Form([0]), Bad, "group.count"),
            ("POST", "/api/group", TooManyImages, Bad, "group.count"),
            ("POST", "/api/group", () => Form([0, 0]), Bad, "image.duplicate-name"),
            ("POST", "/api/group", () => JsonContent.Create(new { }), Unsupported, "request.content-type"),
        };
        foreach (var (method, route, body, status, code) in cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), route) { Content = body() };
            using HttpResponseMessage response = await pipeline.Http.SendAsync(request);
            try
            {
                await CompareApiTests.AssertProblemAsync(response, status, code);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"{method} {route}: {ex.Message}");
            }
        }
    }

    private static string NewGallery() => "g" + Guid.NewGuid().ToString("N")[..12];

    private static string Name(int image) => $"image{image}.png";

    private static MultipartFormDataContent Form(int[] images, bool distinctNames = false)
    {
        var form = new MultipartFormDataContent();
        foreach (var (image, n) in images.Select((image, n) => (image, n)))
            form.Add(new ByteArrayContent(Characters[image].Bytes), "images", distinctNames ? $"{n}-{Name(image)}" : Name(image));
        return form;
    }

    private async Task<EnrolledImageResponse> AddAsync(string gallery, string label, int image)
    {
        using var response = await pipeline.Http.PostAsync($"/api/galleries/{gallery}/identities/{label}/images",
            new ByteArrayContent(Characters[image].Bytes));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EnrolledImageResponse>())!;
    }

    private Task<VerifyResponse> VerifyAsync(string gallery, string label, int image) =>
        PostImageAsync<VerifyResponse>($"/api/galleries/{gallery}/identities/{label}/verify", image);

    private async Task<T> PostImageAsync<T>(string route, int image)
    {
        using var response = await pipeline.Http.PostAsync(route, new ByteArrayContent(Characters[image].Bytes));
        Assert.True(response.IsSuccessStatusCode, $"{route}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    private async Task<GroupResponse> GroupAsync(int[] images, double? threshold)
    {
        string query = threshold is null ? "" : $"?threshold={threshold.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        using var response = await pipeline.Http.PostAsync("/api/group" + query, Form(images));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<GroupResponse>())!;
    }

    private async Task<CompareResponse> CompareAsync(int first, int second)
    {
        using var response = await pipeline.Http.PostAsync("/api/compare",
            CompareForms.Pair(Characters[first].Bytes, Characters[second].Bytes));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CompareResponse>())!;
    }

    private async Task<T> GetAsync<T>(string route)
    {
        using HttpResponseMessage response = await pipeline.Http.GetAsync(route);
        Assert.True(response.IsSuccessStatusCode, $"{route}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
