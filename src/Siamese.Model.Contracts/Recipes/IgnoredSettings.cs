using System.Globalization;
using Siamese.Model.Imaging;
using Siamese.Model.Training;

namespace Siamese.Model.Recipes;

/// <summary>
/// The settings a training objective does not use. A recipe that gives one of them a value other than its default is
/// refused, so that nobody believes a run used a setting it silently dropped.
/// </summary>
public static class IgnoredSettings
{
    /// <summary>Each objective's unused keys, with what the objective does instead.</summary>
    public static IReadOnlyDictionary<TrainingObjective, IReadOnlyDictionary<string, string>> ByObjective { get; } =
        new Dictionary<TrainingObjective, IReadOnlyDictionary<string, string>>
        {
            [TrainingObjective.Pairs] = new Dictionary<string, string>
            {
                ["Training:ClassesPerBatch"] = "it takes Training:BatchSize rendered pairs per step",
                ["Training:ImagesPerClass"] = "it takes Training:BatchSize rendered pairs per step",
                ["Training:StepsPerEpoch"] = "an epoch is one pass over the rendered pairs",
                ["Training:RotatedClasses"] = "it trains on the rendered pairs only",
                ["Training:Affine"] = "its pairs get the Jitter: crop and flip instead",
                ["Training:Photometric"] = "its pairs get the Jitter: crop and flip instead",
                ["Training:ImpostorsPerClass"] = "its rendered pairs never hold an impostor",
                ["Training:ImpostorWeight"] = "its rendered pairs never hold an impostor",
            },
            [TrainingObjective.InBatch] = new Dictionary<string, string>
            {
                ["Training:BatchSize"] = "a batch is Training:ClassesPerBatch x Training:ImagesPerClass images",
                ["Jitter:FlipProbability"] = "it trains on centred crops without flips, distorted by Training:Affine instead",
                ["Training:PairSelection"] = "it draws classes and images for each batch instead of rendering pairs",
                ["Training:PairJpegQuality"] = "it renders no pair pictures",
            },
        };

    private static readonly TrainingOptions DefaultTraining = new();
    private static readonly JitterOptions DefaultJitter = new();

    /// <summary>Refuses <paramref name="recipe"/> when it sets a key its objective ignores to a value other than the default.</summary>
    public static TrainingRecipe Refuse(TrainingRecipe recipe)
    {
        Refuse(recipe.Training, recipe.Jitter, $"Recipe '{recipe.Name}'");
        return recipe;
    }

    /// <summary>
    /// As above, for options that come without a recipe (`train` without --recipe); <paramref name="source"/> names them
    /// in the message.
    /// </summary>
    public static void Refuse(TrainingOptions training, JitterOptions jitter, string source)
    {
        TrainingObjective objective = training.Objective;
        foreach (var (key, instead) in ByObjective[objective])
        {
            object? value = Value(key, training, jitter), byDefault = Value(key, DefaultTraining, DefaultJitter);
            if (Equals(value, byDefault)) continue;
            string other = objective == TrainingObjective.Pairs ? TrainingRecipes.InBatch : TrainingRecipes.Original;
            throw new InvalidInputException("recipe.ignored-setting",
                $"{source} sets {key}={Format(value)}, but its objective {objective} does not use {key} ({instead}). " +
                $"Remove the setting (its default is {Format(byDefault)}), or choose a recipe whose objective uses it, such as " +
                $"'{other}' (see docs/model-and-recipes.md, Recipes).");
        }
    }

    private static object? Value(string key, TrainingOptions training, JitterOptions jitter)
    {
        string[] parts = key.Split(':');
        object options = parts[0] == TrainingOptions.Section ? training : jitter;
        return options.GetType().GetProperty(parts[1])!.GetValue(options);
    }

    private static string Format(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
