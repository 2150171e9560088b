using Siamese.Model.Recipes;

namespace Siamese.Pipeline.Recipes;

/// <summary>The recipe an upload trains and why (<see cref="RecipeChooser"/>), e.g. "chosen for grey photos, median 320x243".</summary>
public sealed record RecipeDecision(TrainingRecipe Recipe, string Reason)
{
    /// <summary>E.g. "recipe photos, chosen for grey photos, median 320x243", as the index, the status and the log keep it.</summary>
    public string Summary => $"recipe {Recipe.Name}, {Reason}";
}
