using Siamese.Model.Recipes;

namespace Siamese.Model.Tests;

public class RecipeTests
{
    [Fact]
    public void The_default_recipe_is_the_one_that_made_the_shipped_default_model()
    {
        string folder = DefaultModel.Folder;
        var (network, shipped) = LocalCheckpointStore.Load(folder);
        network.Dispose();

        TrainingRecipe recipe = TrainingRecipes.Resolve(null);

        Assert.Equal(TrainingRecipes.InBatch, recipe.Name);
        Assert.Empty(recipe.Overrides);
        Assert.Equal(shipped.Model, recipe.Model.ToConfig());
        PreprocessingInfo p = shipped.Preprocessing;
        Assert.Equal((p.ColorMode, p.Resampler, p.ResizeTo, p.CropTo, p.Paper, p.Strokes),
            (recipe.Model.ColorMode, recipe.Jitter.Resampler, recipe.Jitter.ResizeTo, recipe.Jitter.CropTo, recipe.Jitter.Paper,
             recipe.Jitter.Strokes));
        TrainingInfo t = shipped.Training;
        TrainingOptions r = recipe.Training;
        Assert.Equal((t.Epochs, t.LearningRate, t.LabelSmoothing, t.ValidationFraction, t.Seed, t.Objective),
            (r.Epochs, r.LearningRate, r.LabelSmoothing, r.ValidationFraction, r.Seed, r.Objective));
        Assert.Equal((t.ClassesPerBatch, t.ImagesPerClass), ((int?)r.ClassesPerBatch, (int?)r.ImagesPerClass));
        Assert.Equal((t.RotatedClasses, t.Affine, t.Schedule, t.BatchNormMomentum),
            (r.RotatedClasses, r.Affine, r.Schedule, r.BatchNormMomentum));
        Assert.Equal(shipped.Training.Steps, shipped.Epoch * r.StepsPerEpoch); // its best epoch, of 150 steps each
    }

    [Fact]
    public void The_original_recipe_is_the_tensorflow_originals_defaults()
    {
        TrainingRecipe original = TrainingRecipes.Resolve(TrainingRecipes.Original);

        Assert.Equal((TrainingObjective.Pairs, 4, 128, 1e-4, 0.01, 0.01, LearningRateSchedule.Constant),
            (original.Training.Objective, original.Training.Epochs, original.Training.BatchSize, original.Training.LearningRate,
             original.Training.LabelSmoothing, original.Training.BatchNormMomentum, original.Training.Schedule));
        Assert.Equal(new ModelOptions().ToConfig(), original.Model.ToConfig());
        Assert.Equal((ColorMode.Rgb, Resampler.HalfPixelNearest, 0.5),
            (original.Model.ColorMode, original.Jitter.Resampler, original.Jitter.FlipProbability));
    }

    [Fact]
    public void Later_layers_win_and_keys_are_accepted_with_colons_or_double_underscores_in_any_case()
    {
        TrainingRecipe recipe = TrainingRecipes.Resolve("InBatch",
            [Pair("Training:Epochs", "3"), Pair("model__width", "0.125")],
            [Pair("TRAINING__EPOCHS", "5")]);

        Assert.Equal(TrainingRecipes.InBatch, recipe.Name);
        Assert.Equal(5, recipe.Training.Epochs);
        Assert.Equal(0.125, recipe.Model.Width);
        Assert.Equal(TrainingObjective.InBatch, recipe.Training.Objective);
        Assert.Equal(new Dictionary<string, string> { ["Model:Width"] = "0.125", ["Training:Epochs"] = "5" }, recipe.Overrides);
    }

    [Theory]
    [InlineData("nope", "Training:Epochs", "2", "recipe.unknown")]
    [InlineData(null, "Training:Epoch", "2", "recipe.unknown-setting")]
    [InlineData(null, "Training:Device", "cuda", "recipe.unknown-setting")]   // the trainer's setting, not the recipe's
    [InlineData(null, "Training:LearningRate", "2", "recipe.invalid")]
    [InlineData(null, "Training:Objective", "Triplets", "recipe.invalid")]
    [InlineData(null, "Model:BlocksPerStage", "2,x", "model.blocks")]
    [InlineData(null, "Jitter:CropTo", "200", "jitter.crop")]
    public void Unknown_recipes_and_settings_and_bad_values_are_refused_with_a_code(string? name, string key, string value, string code)
    {
        var error = Assert.Throws<InvalidInputException>(() => TrainingRecipes.Resolve(name, [Pair(key, value)]));

        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData("inbatch", "Jitter:FlipProbability", "0", "InBatch")]
    [InlineData("inbatch", "Training:BatchSize", "16", "InBatch")]
    [InlineData("original", "Training:Affine", "0.5", "Pairs")]
    [InlineData("original", "Training:RotatedClasses", "true", "Pairs")]
    [InlineData("original", "Training:ClassesPerBatch", "8", "Pairs")]
    [InlineData("original", "Training:ImagesPerClass", "3", "Pairs")]
    [InlineData("original", "Training:StepsPerEpoch", "10", "Pairs")]
    [InlineData("inbatch", "Training:Objective", "Pairs", "Pairs")]   // the inbatch preset's own in-batch values, e.g. Affine
    public void Settings_the_objective_ignores_are_refused_naming_the_key_and_the_objective(
        string name, string key, string value, string objective)
    {
        var error = Assert.Throws<InvalidInputException>(() => TrainingRecipes.Resolve(name, [Pair(key, value)]));

        Assert.Equal("recipe.ignored-setting", error.Code);
        Assert.Contains($"objective {objective} does not use", error.Message);
        Assert.Contains(key == "Training:Objective" ? "Training:" : key, error.Message);
        Assert.Contains("Remove the setting", error.Message);
    }

    [Theory]
    [InlineData("inbatch", "Jitter:FlipProbability", "0.5")]   // ignored, but at its default
    [InlineData("inbatch", "Training:BatchSize", "128")]
    [InlineData("inbatch", "Training:Affine", "0.5")]
    [InlineData("inbatch", "Training:ClassesPerBatch", "8")]
    [InlineData("original", "Training:Affine", "0")]
    [InlineData("original", "Jitter:FlipProbability", "0")]
    [InlineData("original", "Training:BatchSize", "16")]
    public void Settings_the_objective_uses_and_ignored_settings_at_their_defaults_are_accepted(string name, string key, string value)
    {
        TrainingRecipe recipe = TrainingRecipes.Resolve(name, [Pair(key, value)]);

        Assert.Equal(value, recipe.Overrides[key]);
    }

    [Fact]
    public void Every_preset_resolves_without_overrides()
    {
        foreach (string name in TrainingRecipes.Presets.Keys)
            Assert.Equal(name, TrainingRecipes.Resolve(name).Name);
    }

    private static KeyValuePair<string, string?> Pair(string key, string value) => KeyValuePair.Create(key, (string?)value);
}
