using System.Text.Json;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;

namespace Siamese.Storage.Tests;

/// <summary>
/// Documents written before model names, impostors and image profiles read with the values they stood for: `default`, no
/// references, no impostors, no profile and no recorded recipe choice (the source-generated reader would otherwise leave a
/// missing member null, whatever its initialiser).
/// </summary>
public class OlderDocumentsTests
{
    [Fact]
    public void A_status_index_pointer_and_decision_from_before_names_read_as_defaults_and_take_new_training()
    {
        DatasetStatus status = Read("""
            {"datasetId": "0123456789abcdef", "state": "Ready", "source": "raw/old.zip", "updatedUtc": "2026-12-01T00:00:00Z",
             "training": {"runId": "0123456789abcdef-1234abcd", "recipe": "inbatch", "state": "Promoted", "summary": "promoted",
                          "updatedUtc": "2026-12-01T00:00:00Z"}}
            """, StorageJson.Default.DatasetStatus);
        DatasetIndex index = Read("""
            {"datasetId": "0123456789abcdef", "source": "raw/old.zip", "sourceETag": "x", "seed": 42, "imageSize": 32,
             "colorMode": "Rgb", "jitter": {"resizeTo": 130, "cropTo": 105, "flipProbability": 0.5}, "positivesPerClass": 10,
             "negativesPerClass": 10, "classes": [{"name": "a", "images": ["a/1.png", "a/2.png"]}], "chunks": []}
            """, StorageJson.Default.DatasetIndex);
        ServedModelPointer pointer = Read("""
            {"checkpoint": "r/epoch-0001", "runId": "r", "epoch": 1, "reason": "old", "updatedUtc": "2026-12-01T00:00:00Z"}
            """, StorageJson.Default.ServedModelPointer);
        PromotionDecision decision = Read("""
            {"runId": "r", "challenger": "r/epoch-0001", "promoted": false, "summary": "not promoted",
             "decidedUtc": "2026-12-01T00:00:00Z"}
            """, StorageJson.Default.PromotionDecision);
        // A pointer from before the floor of held-out classes: its reference's split is the fraction alone, its challenge's
        // scores count no classes.
        ServedModelPointer referenced = Read("""
            {"checkpoint": "r/epoch-0001", "runId": "r", "epoch": 1, "reason": "old", "updatedUtc": "2026-12-01T00:00:00Z",
             "scores": {"trials": "validation", "ways": 3, "trialCount": 400, "challengerAccuracy": 0.405,
                        "champion": "the default model", "championAccuracy": 0.385},
             "references": [{"name": "dataset 0123456789abcdef's 3 held-out classes", "datasetId": "0123456789abcdef",
                             "seed": 42, "validationFraction": 0.1, "ways": 3, "trials": 400, "servedAccuracy": 0.405}]}
            """, StorageJson.Default.ServedModelPointer);

        Assert.Equal(ModelName.Default, status.Training!.Model);
        Assert.Same(status.Training, status.TrainingFor(ModelName.Default));
        Assert.Null(status.TrainingFor("faces"));
        Assert.Equal((ModelName.Default, 0, 2), (index.Model, index.Impostors, index.Images));
        Assert.Empty(index.Classes[0].Impostors);
        Assert.Equal(("no recipe recorded", null), (index.RecipeChoice, index.Profile));
        Assert.Equal((null, null), (status.RecipeChoice, status.Profile));
        Assert.Equal((ModelName.Default, 0), (pointer.Model, pointer.References.Count));
        Assert.Equal((ModelName.Default, 0), (decision.Model, decision.ReferenceScores.Count));
        ReferenceTrials reference = Assert.Single(referenced.References);
        Assert.Equal(0, reference.MinValidationClasses);
        Assert.True(reference.SameTrialsAs(ReferenceTrials.HeldOut("0123456789abcdef", 3, 42, 0.1, 0, 3, 400)));
        Assert.Equal(0, referenced.Scores!.HeldOutClasses);
        Assert.EndsWith("on the same 400 3-way trials", referenced.Scores.Comparison);
        Assert.Null(decision.Impostors);
        var faces = new DatasetTraining("r2", "inbatch", TrainingState.Training, "training", DateTimeOffset.UnixEpoch) { Model = "faces" };
        DatasetStatus both = status.WithTraining(faces, DateTimeOffset.UnixEpoch);
        Assert.Equal(("r2", "0123456789abcdef-1234abcd"), (both.TrainingFor("faces")?.RunId, both.TrainingFor(ModelName.Default)?.RunId));
    }

    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(json, type)!;
}
