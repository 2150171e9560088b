using System.Text.Json;
using Siamese.Model;
using Siamese.Model.Recipes;
using Siamese.Storage;
using Siamese.Storage.Promotion;

namespace Siamese.Pipeline.Preparation;

/// <summary>
/// The recipe an upload trains, and the model name it trains for. From lowest to highest precedence: the deployment's
/// default recipe and its overrides (Preparation:Recipe, Preparation:RecipeOverrides), the zip's recipe.json, then the
/// blob's metadata ("recipe" names the recipe, keys such as Training__Epochs set single values). Metadata wins because it
/// can be changed without repacking the zip. Other blob metadata is left alone; a Model__, Training__ or Jitter__ key that
/// is no setting is refused. The model name follows the same precedence: the blob metadata "model", else recipe.json's
/// "model", else `default`.
/// </summary>
public sealed class RecipeChooser(string defaultRecipe, IReadOnlyDictionary<string, string> defaultOverrides)
{
    public TrainingRecipe Choose(IDictionary<string, string> metadata, byte[]? recipeFile, string uploadName)
    {
        RecipeChoice file = Parse(recipeFile, uploadName);
        var (named, values) = FromMetadata(metadata);
        return TrainingRecipes.Resolve(named ?? file.Recipe ?? defaultRecipe, Layer(defaultOverrides), file.Values, values);
    }

    /// <summary>The model name an upload trains for; a name that is no model name is refused (model.invalid-name).</summary>
    public static string ChooseModel(IDictionary<string, string> metadata, byte[]? recipeFile, string uploadName) =>
        ModelName.Check(ModelIn(metadata) ?? Parse(recipeFile, uploadName).Model);

    /// <summary>The model name the blob metadata gives, if any (not checked).</summary>
    public static string? ModelIn(IDictionary<string, string> metadata) =>
        metadata.FirstOrDefault(m => m.Key.Equals(ModelName.Metadata, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// The recipe of an upload whose content was prepared before: the dataset's recipe with this upload's metadata on top.
    /// </summary>
    public TrainingRecipe ChooseAgain(TrainingRecipe? prepared, IDictionary<string, string> metadata)
    {
        var (named, values) = FromMetadata(metadata);
        return TrainingRecipes.Resolve(named ?? prepared?.Name ?? defaultRecipe, Layer(prepared?.Overrides ?? defaultOverrides), values);
    }

    /// <summary>Whether the blob metadata says anything about the recipe or the model name.</summary>
    public static bool ChoosesInMetadata(IDictionary<string, string> metadata) =>
        metadata.Keys.Any(k =>
            k.Equals(StorageNames.RecipeMetadata, StringComparison.OrdinalIgnoreCase)
            || k.Equals(ModelName.Metadata, StringComparison.OrdinalIgnoreCase)
            || TrainingRecipes.IsInRecipeSection(k));

    private static (string? Name, IEnumerable<KeyValuePair<string, string?>> Values) FromMetadata(IDictionary<string, string> metadata) =>
        (metadata.FirstOrDefault(m => m.Key.Equals(StorageNames.RecipeMetadata, StringComparison.OrdinalIgnoreCase)).Value,
         Layer(metadata.Where(m => TrainingRecipes.IsInRecipeSection(m.Key))));

    private static IEnumerable<KeyValuePair<string, string?>> Layer(IEnumerable<KeyValuePair<string, string>> values) =>
        values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value));

    private static RecipeChoice Parse(byte[]? recipeFile, string uploadName)
    {
        if (recipeFile is null) return new RecipeChoice(null, null);
        try
        {
            return JsonSerializer.Deserialize(recipeFile, RecipeJson.Default.RecipeChoice) ?? new RecipeChoice(null, null);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException("recipe.invalid",
                $"{TrainingRecipes.ChoiceFile} in '{uploadName}' is not valid JSON of the form " +
                $"{{\"recipe\": \"original\", \"overrides\": {{\"Training:Epochs\": 2}}, \"model\": \"signatures\"}} ({ex.Message}).", ex);
        }
    }
}
