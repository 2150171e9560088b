using System.Text.Json;
using Siamese.Model;
using Siamese.Model.Imaging;
using Siamese.Model.Recipes;
using Siamese.Storage;
using Siamese.Storage.Promotion;

namespace Siamese.Pipeline.Recipes;

/// <summary>
/// The recipe an upload trains, and the model name it trains for. The recipe's name: the blob's metadata ("recipe"), else
/// the zip's recipe.json, else the deployment's Preparation:Recipe, else the one the images call for
/// (<see cref="ForImages"/>). Its values, from lowest to highest precedence: what the images call for, the deployment's
/// overrides (Preparation:RecipeOverrides), recipe.json's overrides, then the blob's metadata (keys such as
/// Training__Epochs). Metadata wins because it can be changed without repacking the zip. Other blob metadata is left alone;
/// a Model__, Training__ or Jitter__ key that is no setting is refused. The model name follows the same precedence: the
/// blob metadata "model", else recipe.json's "model", else `default`.
/// </summary>
/// <param name="deploymentRecipe">Preparation:Recipe; null when the deployment leaves the choice to the images.</param>
public sealed class RecipeChooser(string? deploymentRecipe, IReadOnlyDictionary<string, string> defaultOverrides)
{
    private static readonly IReadOnlyDictionary<string, string> NoOverrides = new Dictionary<string, string>();

    private static readonly IReadOnlyDictionary<string, string> ColourOverrides = new Dictionary<string, string>
    {
        ["Model:ColorMode"] = nameof(ColorMode.Rgb),
    };

    private readonly string? deploymentRecipe = string.IsNullOrWhiteSpace(deploymentRecipe) ? null : deploymentRecipe.Trim();

    /// <param name="images">What the upload's images measured; null when they were not measured.</param>
    public RecipeDecision Choose(IDictionary<string, string> metadata, byte[]? recipeFile, string uploadName, ImageProfile? images)
    {
        RecipeChoice file = Parse(recipeFile, uploadName);
        var (named, values) = FromMetadata(metadata);
        var fitting = images is null ? default : ForImages(images);
        var (recipe, byImages, reason) =
            !string.IsNullOrWhiteSpace(named) ? (named, NoOverrides, "named in the upload's metadata")
            : !string.IsNullOrWhiteSpace(file.Recipe) ? (file.Recipe, NoOverrides, $"named in {TrainingRecipes.ChoiceFile}")
            : deploymentRecipe is not null ? (deploymentRecipe, NoOverrides, "the deployment's Preparation:Recipe")
            : images is not null ? (fitting.Recipe, fitting.Overrides, $"chosen for {images.Describe()}")
            : (TrainingRecipes.Default, NoOverrides, "the default (the images were not measured)");
        return new RecipeDecision(
            TrainingRecipes.Resolve(recipe, Layer(byImages), Layer(defaultOverrides), file.Values, values), reason);
    }

    /// <summary>
    /// The recipe the images call for when nobody names one: drawings <see cref="TrainingRecipes.InBatch"/>, wide drawings
    /// (scans such as signatures) <see cref="TrainingRecipes.Signatures"/>, photos <see cref="TrainingRecipes.Photos"/>, in
    /// colour (Model:ColorMode=Rgb) when the images have colour.
    /// </summary>
    public static (string Recipe, IReadOnlyDictionary<string, string> Overrides) ForImages(ImageProfile images) => images switch
    {
        { Kind: ImageKind.Drawing, Wide: true } => (TrainingRecipes.Signatures, NoOverrides),
        { Kind: ImageKind.Drawing } => (TrainingRecipes.InBatch, NoOverrides),
        { Colour: ImageColour.Colour } => (TrainingRecipes.Photos, ColourOverrides),
        _ => (TrainingRecipes.Photos, NoOverrides),
    };

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
        return TrainingRecipes.Resolve(
            named ?? prepared?.Name ?? deploymentRecipe, Layer(prepared?.Overrides ?? defaultOverrides), values);
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
