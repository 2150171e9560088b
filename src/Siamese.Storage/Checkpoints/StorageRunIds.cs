using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Siamese.Model.Recipes;
using Siamese.Storage.Promotion;

namespace Siamese.Storage.Checkpoints;

/// <summary>
/// The id of a run trained from storage: its dataset's id, a dash, and a hash of every recipe value except the epoch
/// count (more epochs continue a run) and of the model name it trains for (other than `default`, so runs from before
/// names kept their ids). So a dataset's runs share its id as a prefix, and a run id names its dataset.
/// </summary>
public static partial class StorageRunIds
{
    public static string For(string datasetId, TrainingRecipe recipe, string model = ModelName.Default) =>
        ModelName.IsDefault(model)
            ? $"{datasetId}-{recipe.Fingerprint()}"
            : $"{datasetId}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{recipe.Fingerprint()}/{model}")))[..8]}";

    /// <summary>The dataset of a run id, or null when <paramref name="id"/> is not one.</summary>
    public static string? DatasetOf(string id) => RunId().Match(id) is { Success: true } run ? run.Groups["dataset"].Value : null;

    [GeneratedRegex("^(?<dataset>[0-9a-f]{16})-[0-9a-z]+$")]
    private static partial Regex RunId();
}
