using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Siamese.Model.Imaging;
using Siamese.Model.Network;
using Siamese.Model.Training;

namespace Siamese.Model.Recipes;

/// <summary>
/// A named recipe with the values that override it, resolved to every model, training and preprocessing option (see
/// <see cref="TrainingRecipes"/>). Recorded in the dataset index, the training request and each checkpoint.
/// </summary>
public sealed record TrainingRecipe(
    string Name, IReadOnlyDictionary<string, string> Overrides, ModelOptions Model, TrainingOptions Training, JitterOptions Jitter)
{
    /// <summary>
    /// A short hash of every value that shapes the weights except the epoch count (so more epochs continue a run) and
    /// the trainer's own settings (device, progress interval), which do not change what is learned.
    /// </summary>
    public string Fingerprint()
    {
        JsonObject values = JsonSerializer.SerializeToNode(this, RecipeJson.Default.TrainingRecipe)!.AsObject();
        values.Remove("name");
        values.Remove("overrides");
        JsonObject training = values["training"]!.AsObject();
        foreach (string operational in TrainingRecipes.NotInFingerprint) training.Remove(operational);
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(values)))[..8];
    }

    /// <summary>
    /// The recipe's training options with the settings that belong to the trainer running it (device, progress interval).
    /// </summary>
    public TrainingOptions TrainingOn(TrainingOptions trainer)
    {
        Training.Device = trainer.Device;
        Training.ProgressIntervalSeconds = trainer.ProgressIntervalSeconds;
        return Training;
    }

    /// <summary>One line for logs: the name and what was changed.</summary>
    public override string ToString() =>
        Overrides.Count == 0 ? Name : $"{Name} with {string.Join(", ", Overrides.Select(o => $"{o.Key}={o.Value}"))}";
}
