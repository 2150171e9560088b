using System.Net;
using System.Net.Http.Json;
using Siamese.Model.Checkpoints;
using Siamese.Serving.Contracts;
using Siamese.Testing.Stack;

namespace Siamese.Functions.Tests;

/// <summary>GET /api/models/current/{file}: the pictures stored with the checkpoint that answers now.</summary>
[Collection(PipelineCollection.Name)]
public class ModelPictureTests(StackFixture pipeline)
{
    [Fact]
    public async Task The_served_checkpoints_curves_come_back_as_stored_and_a_missing_or_unknown_picture_is_a_404_problem()
    {
        byte[] curves = SampleImages.SomeCharacters(1)[0].Bytes;   // any real PNG: the function streams what the trainer stored
        string runId = "pictures-" + Guid.NewGuid().ToString("N")[..8];
        await pipeline.PublishModelAsync(runId, new CheckpointAttachment(CheckpointPictures.CurvesFile, "image/png", curves));
        await WaitUntilServedAsync(runId);

        HttpResponseMessage response = await pipeline.Http.GetAsync($"/api/models/current/{CheckpointPictures.CurvesFile}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(curves, await response.Content.ReadAsByteArrayAsync());
        await CompareApiTests.AssertProblemAsync(await pipeline.Http.GetAsync($"/api/models/current/{CheckpointPictures.ReportFile}"),
            HttpStatusCode.NotFound, "picture.not-found");
        await CompareApiTests.AssertProblemAsync(await pipeline.Http.GetAsync("/api/models/current/model.weights"),
            HttpStatusCode.NotFound, "picture.unknown");
    }

    private async Task WaitUntilServedAsync(string runId)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(200))
            if ((await pipeline.Http.GetFromJsonAsync<ModelInfo>("/api/models/current"))!.RunId == runId) return;
        Assert.Fail($"run {runId} was not served within 30 s");
    }
}
