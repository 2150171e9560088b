using System.Text.RegularExpressions;
using Siamese.Model.Recipes;

namespace Siamese.Storage.Checkpoints;

/// <summary>
/// The id of a run trained from storage: its dataset's id, a dash, and a hash of every recipe value except the epoch
/// count (more epochs continue a run). So a dataset's runs share its id as a prefix, and a run id names its dataset.
/// </summary>
public static partial class StorageRunIds
{
    public static string For(string datasetId, TrainingRecipe recipe) => $"{datasetId}-{recipe.Fingerprint()}";

    /// <summary>The dataset of a run id, or null when <paramref name="id"/> is not one.</summary>
    public static string? DatasetOf(string id) => RunId().Match(id) is { Success: true } run ? run.Groups["dataset"].Value : null;

    [GeneratedRegex("^(?<dataset>[0-9a-f]{16})-[0-9a-z]+$")]
    private static partial Regex RunId();
}
