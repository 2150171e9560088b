using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Siamese.Model.Checkpoints;
using Siamese.Serving.Contracts;
using Siamese.Storage.Promotion;
using Siamese.Testing.Stack;

namespace Siamese.Functions.Tests;

/// <summary>
/// A model per name through the HTTP API: ?model= picks the name on every route, `model` in the body of promote and
/// roll-back moves that name alone, GET /api/models lists the names, and a gallery answers only for its own name.
/// </summary>
[Collection(PipelineCollection.Name)]
public class NamedModelApiTests(StackFixture pipeline)
{
    private static readonly IReadOnlyList<(string Name, byte[] Bytes)> Characters = SampleImages.SomeCharacters(41);

    [Fact]
    public async Task A_compare_under_a_name_uses_that_names_model_and_default_answers_exactly_as_before()
    {
        await pipeline.ServeDefaultModelAsync();
        CompareResponse before = await CompareAsync("/api/compare");
        string name = NewName(), runId = NewName();
        await pipeline.PublishModelAsync(runId, name);

        CompareResponse named = await CompareAsync($"/api/compare?model={name}");
        CompareResponse after = await CompareAsync("/api/compare");
        BatchCompareResponse batch = await CompareBatchAsync($"/api/compare/batch?model={name}");

        Assert.Equal((name, runId, "storage"), (named.Model.Name, named.Model.RunId, named.Model.Source));
        Assert.NotEqual(before.Similarity, named.Similarity);   // a tiny untrained network against the shipped one
        Assert.Equal(("default", "default", before.Model.RunId), (after.Model.Name, after.Model.Source, after.Model.RunId));
        Assert.Equal(before.Similarity, after.Similarity);
        Assert.Equal((name, named.Similarity), (batch.Model.Name, batch.Results.Single().Similarity));
        ModelInfo current = await GetAsync<ModelInfo>($"/api/models/current?model={name}");
        Assert.Equal((name, runId, "promoted by a test"), (current.Name, current.RunId, current.Why));
    }

    [Fact]
    public async Task An_unknown_name_is_a_404_that_names_the_known_ones_and_an_invalid_name_a_400_on_every_route()
    {
        string known = NewName();
        await pipeline.PublishModelAsync(NewName(), known);
        string unknown = NewName();

        foreach (var (route, status, code) in new[]
                 {
                     ($"/api/compare?model={unknown}", HttpStatusCode.NotFound, "models.unknown-model"),
                     ($"/api/compare/batch?model={unknown}", HttpStatusCode.NotFound, "models.unknown-model"),
                     ("/api/compare?model=Faces", HttpStatusCode.BadRequest, "model.invalid-name"),
                     ("/api/compare/batch?model=faces%2F..", HttpStatusCode.BadRequest, "model.invalid-name"),
                 })
        {
            using HttpContent content = route.Contains("batch")
                ? BatchOfOne()
                : CompareForms.Pair(Characters[0].Bytes, Characters[20].Bytes);
            await CompareApiTests.AssertProblemAsync(await pipeline.Http.PostAsync(route, content), status, code);
        }
        await CompareApiTests.AssertProblemAsync(await pipeline.Http.GetAsync("/api/models/current?model=-x"),
            HttpStatusCode.BadRequest, "model.invalid-name");
        await CompareApiTests.AssertProblemAsync(await pipeline.Http.GetAsync($"/api/models/current/curves.png?model={unknown}"),
            HttpStatusCode.NotFound, "models.unknown-model");

        using HttpResponseMessage response = await pipeline.Http.GetAsync($"/api/models/current?model={unknown}");
        await CompareApiTests.AssertProblemAsync(response, HttpStatusCode.NotFound, "models.unknown-model");
        string detail = (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>();
        Assert.StartsWith($"No model is served under '{unknown}'; known: default, ", detail);
        Assert.Contains(known, detail);
        Assert.Contains($"--model {unknown}", detail);
    }

    [Fact]
    public async Task The_list_of_models_has_default_first_and_each_name_with_what_it_serves()
    {
        string name = NewName(), runId = NewName();
        await pipeline.PublishModelAsync(runId, name);

        ModelListResponse list = await GetAsync<ModelListResponse>("/api/models");

        Assert.Equal("default", list.Models[0].Name);
        Assert.Contains(list.Models[0].Source, new[] { "default", "storage" });
        NamedModelInfo named = Assert.Single(list.Models, m => m.Name == name);
        Assert.Equal((runId, 1, "storage", $"models/{runId}/epoch-0001", "promoted by a test"),
            (named.RunId, named.Epoch, named.Source, named.Checkpoint, named.Why));
        Assert.NotNull(named.ServedSinceUtc);
        Assert.Equal(list.Models.Select(m => m.Name).Skip(1).Order(StringComparer.Ordinal), list.Models.Select(m => m.Name).Skip(1));
    }

    [Fact]
    public async Task Promote_and_roll_back_with_a_model_in_the_body_move_that_name_alone()
    {
        string name = NewName(), first = NewName(), second = NewName();
        await pipeline.PublishModelAsync(first, name);
        await pipeline.SaveModelAsync(second, threshold: null);
        ModelInfo defaultBefore = await GetAsync<ModelInfo>("/api/models/current");

        using var promoted = await pipeline.Http.PostAsJsonAsync("/api/models/promote", new { runId = second, model = name });
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal((name, second), await PointerAsync(promoted));
        ModelInfo whilePromoted = await GetAsync<ModelInfo>($"/api/models/current?model={name}");
        ModelInfo defaultWhilePromoted = await GetAsync<ModelInfo>("/api/models/current");

        using var rolledBack = await pipeline.Http.PostAsJsonAsync("/api/models/rollback", new { model = name, reason = "the test's" });
        Assert.Equal(HttpStatusCode.OK, rolledBack.StatusCode);
        Assert.Equal((name, first), await PointerAsync(rolledBack));
        ModelInfo afterRollBack = await GetAsync<ModelInfo>($"/api/models/current?model={name}");
        ModelInfo defaultAfter = await GetAsync<ModelInfo>("/api/models/current");

        Assert.Equal(second, whilePromoted.RunId);
        Assert.Equal((first, $"rolled back from {second}/epoch-0001: the test's"), (afterRollBack.RunId, afterRollBack.Why));
        Assert.All(new[] { defaultWhilePromoted, defaultAfter }, d =>
            Assert.Equal((defaultBefore.Name, defaultBefore.RunId, defaultBefore.Why), (d.Name, d.RunId, d.Why)));
        await CompareApiTests.AssertProblemAsync(
            await pipeline.Http.PostAsJsonAsync("/api/models/promote", new { runId = second, model = "Not A Name" }),
            HttpStatusCode.BadRequest, "model.invalid-name");
        await CompareApiTests.AssertProblemAsync(await pipeline.Http.PostAsJsonAsync("/api/models/rollback", new { model = NewName() }),
            HttpStatusCode.NotFound, "models.unknown-model");
    }

    [Fact]
    public async Task A_gallery_belongs_to_the_name_it_was_enrolled_under_and_refuses_calls_under_another()
    {
        string name = NewName(), gallery = "named-" + Guid.NewGuid().ToString("N")[..8];
        await pipeline.PublishModelAsync(NewName(), name);
        await EnrolAsync($"/api/galleries/{gallery}/identities/alpha/images?model={name}", Characters[0].Bytes);
        await EnrolAsync($"/api/galleries/{gallery}/identities/beta/images?model={name}", Characters[20].Bytes);

        using var identified = await pipeline.Http.PostAsync($"/api/galleries/{gallery}/identify?top=1&model={name}",
            new ByteArrayContent(Characters[1].Bytes));
        Assert.True(identified.IsSuccessStatusCode, await identified.Content.ReadAsStringAsync());
        IdentifyResponse response = (await identified.Content.ReadFromJsonAsync<IdentifyResponse>())!;
        Assert.Equal(name, response.Model.Name);

        using var enrolledUnderDefault = await pipeline.Http.PostAsync($"/api/galleries/{gallery}/identities/alpha/images",
            new ByteArrayContent(Characters[40].Bytes));
        await CompareApiTests.AssertProblemAsync(enrolledUnderDefault, HttpStatusCode.Conflict, "gallery.other-model");
        using var identifiedUnderDefault = await pipeline.Http.PostAsync($"/api/galleries/{gallery}/identify",
            new ByteArrayContent(Characters[1].Bytes));
        await CompareApiTests.AssertProblemAsync(identifiedUnderDefault, HttpStatusCode.Conflict, "gallery.other-model");
        string detail = (await identifiedUnderDefault.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>();
        Assert.Equal($"Gallery '{gallery}' belongs to model '{name}'; call with ?model={name}.", detail);
    }

    [Fact]
    public async Task The_pictures_of_a_name_are_its_own_models()
    {
        byte[] curves = Characters[2].Bytes;
        string name = NewName();
        await pipeline.PublishModelAsync(NewName(), name, new CheckpointAttachment(CheckpointPictures.CurvesFile, "image/png", curves));

        using HttpResponseMessage response =
            await pipeline.Http.GetAsync($"/api/models/current/{CheckpointPictures.CurvesFile}?model={name}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(curves, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A fresh model name (or run id) per test: the tests share one storage.</summary>
    private static string NewName() => "m" + Guid.NewGuid().ToString("N")[..12];

    private async Task<T> GetAsync<T>(string route)
    {
        using HttpResponseMessage response = await pipeline.Http.GetAsync(route);
        Assert.True(response.IsSuccessStatusCode, $"{route}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    private async Task<CompareResponse> CompareAsync(string route)
    {
        using var form = CompareForms.Pair(Characters[0].Bytes, Characters[20].Bytes);
        using HttpResponseMessage response = await pipeline.Http.PostAsync(route, form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CompareResponse>())!;
    }

    private async Task<BatchCompareResponse> CompareBatchAsync(string route)
    {
        using HttpContent content = BatchOfOne();
        using HttpResponseMessage response = await pipeline.Http.PostAsync(route, content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BatchCompareResponse>())!;
    }

    private static JsonContent BatchOfOne() => JsonContent.Create(new BatchCompareRequest(
        [new CompareRequest(Convert.ToBase64String(Characters[0].Bytes), Convert.ToBase64String(Characters[20].Bytes))]));

    private async Task EnrolAsync(string route, byte[] image)
    {
        using HttpResponseMessage response = await pipeline.Http.PostAsync(route, new ByteArrayContent(image));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(string Model, string RunId)> PointerAsync(HttpResponseMessage response)
    {
        ServedModelPointer pointer = (await response.Content.ReadFromJsonAsync<ServedModelPointer>())!;
        return (pointer.Model, pointer.RunId);
    }
}
