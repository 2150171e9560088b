using System.Text;
using Microsoft.Extensions.Time.Testing;
using Siamese.Model.Checkpoints;
using Siamese.Model.Training;
using Siamese.Reports.Charts;
using Siamese.Reports.Training;
using Siamese.Testing;

namespace Siamese.Reports.Tests;

/// <summary>What each checkpoint carries for people: the run's curves, and the validation report when there was validation.</summary>
public class TrainingPicturesTests
{
    private static readonly TrainingHistory History = new(1, [0.69f, 0.6f, 0.52f, 0.47f],
    [
        new EpochPoint(1, 2, 0.65, 0.45, 20, 400),
        new EpochPoint(2, 4, 0.5, 0.6, 20, 400),
    ]);

    [Fact]
    public void Without_validation_a_checkpoint_carries_its_training_curves_alone()
    {
        var pictures = new TrainingPictures(new FakeTimeProvider()).Create(new TrainingProgress("run-a", History, null, null));

        CheckpointAttachment curves = Assert.Single(pictures);
        Assert.Equal((CheckpointPictures.CurvesFile, "image/png"), (curves.FileName, curves.ContentType));
        PictureAssert.IsPicture(curves.Content, TrainingCurves.Width, 2 * TrainingCurves.PanelHeight, "the curves");
    }

    [Fact]
    public void With_validation_a_checkpoint_also_carries_the_report_of_its_validation_trials()
    {
        var progress = new TrainingProgress("run-a", History, DefaultModelEvaluation.Set, DefaultModelEvaluation.Result);

        var pictures = new TrainingPictures(new FakeTimeProvider()).Create(progress);

        Assert.Equal([CheckpointPictures.CurvesFile, CheckpointPictures.ReportFile], pictures.Select(p => p.FileName));
        string report = Encoding.UTF8.GetString(pictures[1].Content);
        PictureAssert.IsSelfContained(report);
        Assert.Contains("run run-a, epoch-0002 (validation)", report);
    }
}
