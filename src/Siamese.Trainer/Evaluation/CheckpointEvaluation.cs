using System.Text;
using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Evaluation.Robustness;
using Siamese.Model.Network;
using Siamese.Reports.Evaluation;
using Siamese.Trainer.Commands;

namespace Siamese.Trainer.Evaluation;

/// <summary>
/// `evaluate`'s work, in the order it prints: the checkpoint's one-shot scores on the trials, then as asked its robustness
/// to perturbed drawings, a calibrated threshold, the impostor trials, the report, and the scores or threshold recorded in
/// the checkpoint.
/// </summary>
internal sealed class CheckpointEvaluation(TextWriter output)
{
    public async Task RunAsync(EvaluationRequest request, CancellationToken cancellationToken)
    {
        var (network, metadata) = LocalCheckpointStore.Load(request.Checkpoint, request.Expected);
        using var _ = network.OptimizeForInference(
            request.BFloat16 ? InferenceOptimizations.All | InferenceOptimizations.BFloat16 : InferenceOptimizations.All);
        await output.WriteLineAsync($"Checkpoint {metadata.RunId} epoch {metadata.Epoch}: {metadata.Model}" +
                                    (request.BFloat16 ? ", computing in bfloat16" : ""));

        var loader = OneShotSetLoader.For(metadata.Preprocessing);
        var (set, impostorSet) = EvaluationTrials.Load(loader, request, metadata);
        OneShotResult evaluation = OneShotEvaluator.Evaluate(network, set, cancellationToken: cancellationToken);
        OneShotSummary summary = OneShotSummary.Of(set, evaluation);
        await WriteLinesAsync(summary.Lines);

        IReadOnlyList<RobustnessRow> perturbed = request.Robustness
            ? await RobustnessAsync(network, set, evaluation, loader, request, cancellationToken)
            : [];
        ImpostorSummary? impostors = impostorSet is null
            ? null
            : ImpostorSummary.Of(impostorSet, OneShotEvaluator.Evaluate(network, impostorSet, cancellationToken: cancellationToken),
                evaluation, set.Trials);
        DecisionThreshold? calibrated = request.Calibrate ? await CalibrateAsync(request, set, evaluation, impostors) : null;
        double threshold = request.Threshold ?? calibrated?.Similarity ?? SharedOptions.ThresholdOf(null, metadata);

        if (impostors is not null) await WriteLinesAsync(impostors.Lines(threshold));
        if (request.Report is { } reportFile) await WriteReportAsync(reportFile, metadata, summary, threshold, perturbed);
        if (request.Record) await RecordAsync(request.Checkpoint, calibrated, Scores(set, evaluation, summary));
    }

    private async Task<IReadOnlyList<RobustnessRow>> RobustnessAsync(SiameseNetwork network, OneShotSet set, OneShotResult evaluation,
        OneShotSetLoader loader, EvaluationRequest request, CancellationToken cancellationToken)
    {
        using ImageArchive archive = ImageArchive.Open(request.Runs is { } runs ? [runs] : request.Data);
        var perturbed = RobustnessEvaluation.Evaluate(network, set, evaluation, archive, loader, ImagePerturbations.All, cancellationToken);
        await WriteLinesAsync(RobustnessEvaluation.Lines(evaluation, perturbed));
        return perturbed;
    }

    private async Task<DecisionThreshold> CalibrateAsync(EvaluationRequest request, OneShotSet set, OneShotResult evaluation,
        ImpostorSummary? impostors)
    {
        DecisionThreshold calibrated = request.ThresholdOn == ThresholdPairs.Impostors
            ? CalibrateOnImpostors(impostors)
            : DecisionThreshold.Choose(evaluation, set.Trials)
              ?? throw new InvalidInputException("calibrate.no-pairs",
                  "The trials have no same-class or no different-class pairs to choose a threshold on.");
        await output.WriteLineAsync($"Calibrated {calibrated}");
        return calibrated;
    }

    /// <summary>The threshold of best balanced accuracy on the impostor trials' genuine pairs against their impostor pairs.</summary>
    private static DecisionThreshold CalibrateOnImpostors(ImpostorSummary? impostors)
    {
        if (impostors is null)
            throw new InvalidInputException("calibrate.no-impostors",
                "--threshold-on impostors needs impostors among the held-out classes (images under <class>/forged/, " +
                "or labels.csv's impostor column); these have none.");
        return DecisionThreshold.Choose(impostors.Impostors.Genuine, impostors.Impostors.Impostors)! with
        {
            Criterion = DecisionThreshold.ImpostorCriterionName,
        };
    }

    private async Task WriteReportAsync(string reportFile, CheckpointMetadata metadata, OneShotSummary summary, double threshold,
        IReadOnlyList<RobustnessRow> perturbed)
    {
        var input = new EvaluationReportInput($"{metadata.RunId} epoch {metadata.Epoch}", summary, threshold, DateTimeOffset.UtcNow)
        {
            Robustness = perturbed,
        };
        string written = ReportFiles.Write(reportFile, Encoding.UTF8.GetBytes(EvaluationReport.Html(input)));
        await output.WriteLineAsync($"Report: {written}");
    }

    /// <summary>Validation trials calibrate; they are not a test: only a test benchmark's scores go into the test section.</summary>
    private async Task RecordAsync(string checkpoint, DecisionThreshold? calibrated, TestScores scores)
    {
        string file = LocalCheckpointStore.Record(checkpoint,
            m => calibrated is not null ? m with { Threshold = calibrated } : m with { Test = scores });
        await output.WriteLineAsync($"Recorded in {file}");
    }

    private static TestScores Scores(OneShotSet set, OneShotResult evaluation, OneShotSummary summary)
    {
        var (interval, fewer) = (evaluation.Interval95, summary.Fewer);
        return new TestScores(set.Name, evaluation.Trials, evaluation.Ways, evaluation.Accuracy, interval.Low, interval.High,
            fewer?.Ways ?? evaluation.Ways, fewer?.Accuracy ?? evaluation.Accuracy,
            fewer?.Interval95.Low ?? interval.Low, fewer?.Interval95.High ?? interval.High,
            summary.Verification.RocAuc, DateTimeOffset.UtcNow);
    }

    private async Task WriteLinesAsync(IEnumerable<string> lines)
    {
        foreach (string line in lines) await output.WriteLineAsync(line);
    }
}
