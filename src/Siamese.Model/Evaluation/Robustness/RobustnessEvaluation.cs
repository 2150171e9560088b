using Siamese.Model.Data;
using Siamese.Model.Network;

namespace Siamese.Model.Evaluation.Robustness;

/// <summary>The accuracy under one perturbation, and how many points it lost against the clean trials.</summary>
public sealed record RobustnessRow(ImagePerturbation Perturbation, OneShotResult Result, double PointsLost);

/// <summary>
/// How much a model's one-shot accuracy depends on its test drawings looking like its training data: the same trials
/// again under each <see cref="ImagePerturbations"/> change of the query drawings, the candidates left as they are.
/// </summary>
public static class RobustnessEvaluation
{
    public static IReadOnlyList<RobustnessRow> Evaluate(SiameseNetwork network, OneShotSet clean, OneShotResult cleanResult,
        ImageArchive archive, OneShotSetLoader loader, IReadOnlyList<ImagePerturbation> perturbations,
        CancellationToken cancellationToken)
    {
        var rows = new List<RobustnessRow>(perturbations.Count);
        foreach (ImagePerturbation perturbation in perturbations)
        {
            OneShotSet perturbed = loader.PerturbQueries(clean, archive, perturbation, cancellationToken);
            OneShotResult result = OneShotEvaluator.Evaluate(network, perturbed, cancellationToken: cancellationToken);
            rows.Add(new RobustnessRow(perturbation, result, 100 * (cleanResult.Accuracy - result.Accuracy)));
        }
        return rows;
    }

    /// <summary>The table `evaluate --robustness` prints: clean first, then one line per perturbation.</summary>
    public static IEnumerable<string> Lines(OneShotResult clean, IReadOnlyList<RobustnessRow> rows)
    {
        yield return $"Robustness ({clean.Ways}-way, {clean.Trials} trials; the test drawings perturbed, the candidates as they are):";
        yield return $"  {"clean",-11} {clean.Accuracy,8:P2}";
        foreach (RobustnessRow row in rows)
            yield return $"  {row.Perturbation.Name,-11} {row.Result.Accuracy,8:P2}  {-row.PointsLost,6:+0.00;-0.00;0.00} points  " +
                         row.Perturbation.Description;
    }
}
