using System.Text.Json.Serialization;

namespace Siamese.Model.Recipes;

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TrainingRecipe))]
[JsonSerializable(typeof(RecipeChoice))]
public sealed partial class RecipeJson : JsonSerializerContext;
