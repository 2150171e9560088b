using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Siamese.Functions.Triggers.Http;
using Siamese.Serving.Contracts;
using Siamese.Storage;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;
using Siamese.Testing;
using Siamese.Testing.Stack;

namespace Siamese.Functions.Tests;

/// <summary>POST /api/uploads and GET /api/uploads/{datasetId}: an upload through the API, followed as the tool follows it.</summary>
[Collection(PipelineCollection.Name)]
public class UploadApiTests(StackFixture pipeline)
{
    [Fact]
    public async Task A_zip_posted_to_the_api_lands_in_raw_with_its_choices_and_is_followed_until_its_dataset_is_ready()
    {
        using var folder = new TempDirectory();
        byte[] zip = await File.ReadAllBytesAsync(TestData.SmallOmniglotZip(folder, classes: 4, perClass: 4));
        string name = $"api-{Guid.NewGuid():N}.zip";

        using HttpResponseMessage response = await PostAsync(
            $"/api/uploads?name={name}&model=handwriting&recipe=inbatch&set=Training:Epochs=2", zip);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        UploadAccepted accepted = (await response.Content.ReadFromJsonAsync<UploadAccepted>())!;
        Assert.Equal((name, zip.Length, StackFixture.DatasetIdOf(zip), "handwriting", "inbatch"),
            (accepted.Upload, accepted.Bytes, accepted.DatasetId, accepted.Model, accepted.Recipe));
        Assert.Equal($"uploads/{accepted.DatasetId}?model=handwriting", response.Headers.Location?.OriginalString);
        Assert.Equal(new Dictionary<string, string> { ["Training__Epochs"] = "2" }, accepted.Settings);
        var raw = await pipeline.Raw.GetBlobClient(name).GetPropertiesAsync();
        Assert.Equal(zip.Length, raw.Value.ContentLength);
        Assert.Equal(("inbatch", "handwriting", "2"), (raw.Value.Metadata[StorageNames.RecipeMetadata],
            raw.Value.Metadata[ModelName.Metadata], raw.Value.Metadata["Training__Epochs"]));

        UploadProgressResponse progress = await FollowUntilReadyAsync(accepted.DatasetId, "handwriting");
        Assert.Equal((4, 16), (progress.Dataset!.Classes, progress.Dataset.Images));
        Assert.False(progress.Finished);   // ready, and no trainer runs here: its training has not begun
        Assert.Null(progress.Training);
        Assert.Empty(progress.Epochs);
    }

    [Fact]
    public async Task A_bad_upload_is_refused_with_its_reason_and_nothing_lands_in_raw()
    {
        using var folder = new TempDirectory();
        byte[] zip = await File.ReadAllBytesAsync(TestData.SmallOmniglotZip(folder, classes: 2, perClass: 2));
        string taken = $"taken-{Guid.NewGuid():N}.zip";
        (await PostAsync($"/api/uploads?name={taken}", zip)).EnsureSuccessStatusCode();

        await AssertRefusedAsync("/api/uploads", zip, "upload.name");
        await AssertRefusedAsync("/api/uploads?name=..%2Fescape.zip", zip, "upload.name");
        await AssertRefusedAsync("/api/uploads?name=pictures.tar", zip, "upload.name");
        await AssertRefusedAsync("/api/uploads?name=empty.zip", [], "upload.empty");
        await AssertRefusedAsync("/api/uploads?name=not-a-zip.zip", SampleImages.SomeCharacters(1)[0].Bytes, "upload.not-zip");
        await AssertRefusedAsync("/api/uploads?name=recipe.zip&recipe=nonesuch", zip, "recipe.unknown");
        await AssertRefusedAsync("/api/uploads?name=set.zip&set=Epochs", zip, "upload.set");
        await AssertRefusedAsync($"/api/uploads?name={taken}", zip, "upload.exists");

        var names = new List<string>();
        await foreach (var blob in pipeline.Raw.GetBlobsAsync()) names.Add(blob.Name);
        Assert.DoesNotContain(names, n => n is "empty.zip" or "not-a-zip.zip" or "recipe.zip" or "set.zip" or "pictures.tar");
    }

    [Fact]
    public async Task Following_an_id_that_is_none_is_refused_and_one_not_yet_accepted_is_waiting()
    {
        await CompareApiTests.AssertProblemAsync(await pipeline.Http.GetAsync("/api/uploads/NOT-AN-ID"),
            HttpStatusCode.BadRequest, "upload.dataset-id");

        UploadProgressResponse waiting = (await pipeline.Http.GetFromJsonAsync("/api/uploads/0123456789abcdef",
            ApiJson.Default.UploadProgressResponse))!;

        Assert.Equal(("0123456789abcdef", "default", false), (waiting.DatasetId, waiting.Model, waiting.Finished));
        Assert.Null(waiting.Dataset);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_however_the_host_limits_it()
    {
        var context = new DefaultHttpContext { Request = { Body = new MemoryStream(new byte[1000]) } };

        var refused = await Assert.ThrowsAsync<RequestProblemException>(() =>
            RequestReader.ReadBodyToFileAsync(context.Request, maxBytes: 999, CancellationToken.None));
        await using FileStream kept = await RequestReader.ReadBodyToFileAsync(
            new DefaultHttpContext { Request = { Body = new MemoryStream(new byte[1000]) } }.Request, 1000, CancellationToken.None);

        Assert.Equal((StatusCodes.Status413PayloadTooLarge, "request.too-large"), (refused.Status, refused.Code));
        Assert.Equal(1000, kept.Length);
    }

    private async Task<HttpResponseMessage> PostAsync(string route, byte[] zip)
    {
        var body = new ByteArrayContent(zip);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return await pipeline.SpacedUploadAsync(() => pipeline.Http.PostAsync(route, body));
    }

    private async Task AssertRefusedAsync(string route, byte[] zip, string code) =>
        await CompareApiTests.AssertProblemAsync(await PostAsync(route, zip), HttpStatusCode.BadRequest, code);

    private async Task<UploadProgressResponse> FollowUntilReadyAsync(string datasetId, string model)
    {
        UploadProgressResponse? progress = null;
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(250))
        {
            progress = await pipeline.Http.GetFromJsonAsync($"/api/uploads/{datasetId}?model={model}",
                ApiJson.Default.UploadProgressResponse);
            if (progress!.Dataset?.State is DatasetState.Ready or DatasetState.Failed) break;
        }
        Assert.Equal(DatasetState.Ready, progress?.Dataset?.State);
        return progress!;
    }
}
