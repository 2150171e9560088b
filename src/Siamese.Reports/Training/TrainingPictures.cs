using System.Text;
using Siamese.Model.Checkpoints;
using Siamese.Model.Evaluation;
using Siamese.Model.Training;
using Siamese.Reports.Charts;
using Siamese.Reports.Drawing;
using Siamese.Reports.Evaluation;

namespace Siamese.Reports.Training;

/// <summary>
/// What each checkpoint carries for people to look at (<see cref="CheckpointPictures"/>): the run's training curves and,
/// when the run has a validation split, the evaluation report of that epoch's validation trials.
/// </summary>
public sealed class TrainingPictures(TimeProvider time) : ICheckpointAttachments
{
    public IReadOnlyList<CheckpointAttachment> Create(TrainingProgress progress)
    {
        var files = new List<CheckpointAttachment> { new(CheckpointPictures.CurvesFile, Png.ContentType, TrainingCurves.Render(progress)) };
        int epoch = progress.History.Epochs[^1].Epoch;
        if (progress.Validation is { } set && progress.LastValidation is { } result)
        {
            var input = new EvaluationReportInput($"run {progress.RunId}, {CheckpointFormat.CheckpointName(epoch)} (validation)",
                OneShotSummary.Of(set, result), SimilarityScale.DefaultSameThreshold, time.GetUtcNow());
            byte[] report = Encoding.UTF8.GetBytes(EvaluationReport.Html(input));
            files.Add(new CheckpointAttachment(CheckpointPictures.ReportFile, EvaluationReport.ContentType, report));
        }
        return files;
    }
}
