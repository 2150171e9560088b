using System.Text.Json;
using Siamese.Model.Recipes;

namespace Siamese.Model.Tests;

/// <summary>
/// The floor of held-out classes (Training:MinValidationClasses): a small upload holds out enough classes for trials that can
/// tell two models apart, a large one keeps its fraction, and without a floor the split is what it always was.
/// </summary>
public class ClassSplitTests
{
    [Theory]
    [InlineData(15, 7)]     // half of 15, rounded down: a tenth (2) is too few, 10 would leave too few to train on
    [InlineData(30, 10)]    // the floor: a tenth would be 3
    [InlineData(200, 20)]   // a tenth is more than the floor
    [InlineData(4, 2)]      // never fewer than 2 to train on
    public void A_floor_of_ten_holds_out_at_least_ten_classes_up_to_half_of_them(int classCount, int heldOut)
    {
        IReadOnlyList<ImageClass> classes = Classes(classCount);

        var (training, validation) = ClassSplit.Split(classes, 0.1, seed: 42, minValidationClasses: 10);

        Assert.Equal((classCount - heldOut, heldOut), (training.Count, validation.Count));
        Assert.Empty(training.Select(c => c.Name).Intersect(validation.Select(c => c.Name)));
    }

    [Theory]
    [InlineData(15, 2)]
    [InlineData(30, 3)]
    [InlineData(200, 20)]
    public void Without_a_floor_the_fraction_alone_decides_as_before(int classCount, int heldOut)
    {
        var (_, validation) = ClassSplit.Split(Classes(classCount), 0.1, seed: 42, minValidationClasses: 0);

        Assert.Equal(heldOut, validation.Count);
    }

    [Fact]
    public void A_floor_does_not_hold_out_classes_when_validation_is_off()
    {
        var (training, validation) = ClassSplit.Split(Classes(30), 0, seed: 42, minValidationClasses: 10);

        Assert.Equal((30, 0), (training.Count, validation.Count));
    }

    [Fact]
    public void The_inbatch_recipe_holds_out_at_least_ten_classes_and_a_recipe_without_a_floor_keeps_its_fingerprint()
    {
        Assert.Equal(10, TrainingRecipes.Resolve(TrainingRecipes.InBatch).Training.MinValidationClasses);

        // At 0 the setting is left out of the recipe's JSON, so runs made before it existed keep their run ids.
        TrainingRecipe original = TrainingRecipes.Resolve(TrainingRecipes.Original);
        string json = JsonSerializer.Serialize(original, RecipeJson.Default.TrainingRecipe);
        Assert.Equal(0, original.Training.MinValidationClasses);
        Assert.DoesNotContain("minValidationClasses", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("validationFraction", json, StringComparison.Ordinal);
    }

    private static IReadOnlyList<ImageClass> Classes(int count) =>
        ClassIndex.Build(Enumerable.Range(0, count).SelectMany(c => new[] { $"c{c:D3}/1.png", $"c{c:D3}/2.png" }).ToList()).Classes;
}
