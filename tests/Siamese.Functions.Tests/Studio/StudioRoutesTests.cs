using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Siamese.Functions.Triggers.Studio;
using Siamese.Serving.Contracts;
using Siamese.Storage;
using Siamese.Storage.Checkpoints;
using Siamese.Storage.Promotion;
using Siamese.Testing.Stack;

namespace Siamese.Functions.Tests.Studio;

/// <summary>The routes the studio page stands on besides the API's calls: its files, the recipes, a name's decisions.</summary>
[Collection(PipelineCollection.Name)]
public class StudioRoutesTests(StackFixture pipeline)
{
    [Theory]
    [InlineData("/api/studio", "text/html")]
    [InlineData("/api/studio/studio.js", "text/javascript")]
    [InlineData("/api/studio/studio.css", "text/css")]
    public async Task The_studios_files_are_served_with_their_type_and_a_policy_that_allows_only_its_own_origin(string route, string type)
    {
        using HttpResponseMessage response = await pipeline.Http.GetAsync(route);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StudioFiles.ContentSecurityPolicy, string.Join("", response.Headers.GetValues("Content-Security-Policy")));
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        await CompareApiTests.AssertProblemAsync(await pipeline.Http.GetAsync("/api/studio/secrets.json"),
            HttpStatusCode.NotFound, "studio.not-found");
    }

    [Fact]
    public async Task The_recipes_are_the_presets_an_upload_may_name()
    {
        RecipeListResponse recipes = (await pipeline.Http.GetFromJsonAsync<RecipeListResponse>("/api/recipes"))!;

        Assert.Equal(Siamese.Model.Recipes.TrainingRecipes.Presets.Keys, recipes.Recipes);
        Assert.Contains("original", recipes.Recipes);
    }

    [Fact]
    public async Task A_names_decisions_are_its_runs_won_and_lost_newest_first_and_no_other_names()
    {
        string name = "d" + Guid.NewGuid().ToString("N")[..12];
        var older = Decision(name, promoted: true, DateTimeOffset.UtcNow.AddHours(-2));
        var newer = Decision(name, promoted: false, DateTimeOffset.UtcNow.AddHours(-1));
        foreach (PromotionDecision decision in new[] { older, newer, Decision("elsewhere", promoted: true, DateTimeOffset.UtcNow) })
            await WriteAsync(decision);

        ModelDecisionsResponse listed =
            (await pipeline.Http.GetFromJsonAsync<ModelDecisionsResponse>($"/api/models/decisions?model={name}"))!;

        Assert.Equal(name, listed.Model);
        Assert.Equal([(newer.RunId, false), (older.RunId, true)], listed.Decisions.Select(d => (d.RunId, d.Promoted)));
        Assert.Equal(newer.Summary, listed.Decisions[0].Summary);
        await CompareApiTests.AssertProblemAsync(await pipeline.Http.GetAsync($"/api/models/decisions?model={name}&limit=0"),
            HttpStatusCode.BadRequest, "request.query");
    }

    private static PromotionDecision Decision(string model, bool promoted, DateTimeOffset decided)
    {
        var scores = new ChallengeScores("held-out trials", 10, 400, promoted ? 0.8 : 0.6, "the served model", 0.7);
        return new PromotionDecision("run-" + Guid.NewGuid().ToString("N")[..10], "epoch-0002", scores, promoted, scores.Summary, decided)
        {
            Model = model,
        };
    }

    private async Task WriteAsync(PromotionDecision decision)
    {
        var models = pipeline.Blobs.GetBlobContainerClient(StorageNames.ModelsContainer);
        await models.CreateIfNotExistsAsync();
        await pipeline.Services.GetRequiredService<ResilientStorage>().WriteAsync(
            models.GetBlobClient(ModelPaths.RunPromotion(decision.RunId)), decision, StorageJson.Default.PromotionDecision,
            CancellationToken.None);
    }
}
