using System.Net;
using System.Net.Http.Json;
using Siamese.Model.Evaluation;
using Siamese.Model.Torch;
using Siamese.Serving.Contracts;
using Siamese.Storage.Promotion;
using Siamese.Testing.Stack;

namespace Siamese.Functions.Tests;

/// <summary>Which model answers, why, with which threshold; an operator's promote and roll-back through the API.</summary>
[Collection(PipelineCollection.Name)]
public class ServedModelTests(StackFixture pipeline)
{
    private static readonly IReadOnlyList<(string Name, byte[] Bytes)> Characters = SampleImages.SomeCharacters(21);

    [Fact]
    public async Task An_operator_promotes_and_rolls_back_and_the_api_says_which_model_answers_why_and_with_which_threshold()
    {
        ModelInfo before = await CurrentAsync();
        string runId = "operator-" + Guid.NewGuid().ToString("N")[..8];
        await pipeline.SaveModelAsync(runId, new DecisionThreshold(0.8125, 0.9, 0.95, 0.85, 20, 380));

        using var promoted = await pipeline.Http.PostAsJsonAsync("/api/models/promote", new { runId, reason = "the test's promotion" });
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        ServedModelPointer pointer = (await promoted.Content.ReadFromJsonAsync<ServedModelPointer>())!;
        Assert.Equal($"{runId}/epoch-0001", pointer.Checkpoint);

        ModelInfo current = await CurrentAsync();
        Assert.Equal(runId, current.RunId);
        Assert.Equal("the test's promotion", current.Why);
        Assert.Equal(0.8125, current.Threshold);
        Assert.Equal(DecisionThreshold.CriterionName, current.ThresholdCriterion);
        // Serving:Precision is Auto: float32 on a CPU without bfloat16 instructions, else what the timed trial chose.
        string[] precisions = CpuBFloat16.Instructions().Count == 0 ? ["float32"] : ["float32", "bfloat16"];
        Assert.Contains(current.Precision, precisions);

        // isSame follows the served model's threshold, unless the request sets its own.
        CompareResponse byModel = await CompareAsync("/api/compare");
        Assert.Equal((0.8125, byModel.Similarity >= 0.8125), (byModel.Threshold, byModel.IsSame));
        CompareResponse byRequest = await CompareAsync("/api/compare?threshold=0.25");
        Assert.Equal((0.25, byRequest.Similarity >= 0.25), (byRequest.Threshold, byRequest.IsSame));
        using (var form = CompareForms.Pair(Characters[0].Bytes, Characters[20].Bytes))
        {
            await CompareApiTests.AssertProblemAsync(await pipeline.Http.PostAsync("/api/compare?threshold=1.5", form),
                HttpStatusCode.BadRequest, "threshold.invalid");
        }

        using var rolledBack = await pipeline.Http.PostAsync("/api/models/rollback", null);
        Assert.Equal(HttpStatusCode.OK, rolledBack.StatusCode);
        ModelInfo after = await CurrentAsync();
        Assert.Equal((before.RunId, before.Epoch), (after.RunId, after.Epoch));
        Assert.StartsWith($"rolled back from {runId}/epoch-0001", after.Why);
    }

    [Fact]
    public async Task Promoting_a_run_that_does_not_exist_or_naming_none_is_a_problem_and_changes_nothing()
    {
        ModelInfo before = await CurrentAsync();

        await AssertPromotionRefusedAsync(new { runId = "0000000000000000-00000000" }, HttpStatusCode.NotFound, "models.not-found");
        await AssertPromotionRefusedAsync(new { reason = "no run" }, HttpStatusCode.BadRequest, "models.run-missing");
        await AssertPromotionRefusedAsync(new { runId = "../served.json" }, HttpStatusCode.BadRequest, "models.invalid-name");

        ModelInfo after = await CurrentAsync();
        Assert.Equal((before.RunId, before.Epoch, before.Why), (after.RunId, after.Epoch, after.Why));
    }

    private async Task AssertPromotionRefusedAsync(object request, HttpStatusCode status, string code) =>
        await CompareApiTests.AssertProblemAsync(await pipeline.Http.PostAsJsonAsync("/api/models/promote", request), status, code);

    private async Task<ModelInfo> CurrentAsync() => (await pipeline.Http.GetFromJsonAsync<ModelInfo>("/api/models/current"))!;

    private async Task<CompareResponse> CompareAsync(string route)
    {
        using var form = CompareForms.Pair(Characters[0].Bytes, Characters[20].Bytes);
        using var response = await pipeline.Http.PostAsync(route, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CompareResponse>())!;
    }
}
