using System.Text.Json;

namespace Siamese.Model.Recipes;

/// <summary>
/// What an upload asks for in the JSON file at the zip's root (<see cref="TrainingRecipes.ChoiceFile"/>): a recipe name
/// and single values, and the model name to train for, e.g.
/// <c>{"recipe": "original", "overrides": {"Training:Epochs": 2}, "model": "signatures"}</c>.
/// </summary>
public sealed record RecipeChoice(string? Recipe, IReadOnlyDictionary<string, JsonElement>? Overrides)
{
    /// <summary>The model name the upload trains for (null: the blob metadata's, else `default`).</summary>
    public string? Model { get; init; }

    /// <summary>The overrides as configuration values (numbers and booleans as written, strings as they are).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Values =>
        (Overrides ?? new Dictionary<string, JsonElement>()).Select(o =>
            KeyValuePair.Create(o.Key, o.Value.ValueKind == JsonValueKind.String ? o.Value.GetString() : o.Value.GetRawText()));
}
