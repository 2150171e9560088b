namespace Siamese.Model.Checkpoints;

/// <summary>The pictures a trained checkpoint carries next to its weights (see ICheckpointAttachments).</summary>
public static class CheckpointPictures
{
    /// <summary>Training curves of the run up to this checkpoint.</summary>
    public const string CurvesFile = "curves.png";

    /// <summary>Evaluation report of this checkpoint's validation trials.</summary>
    public const string ReportFile = "report.html";

    public static IReadOnlyList<string> Files { get; } = [CurvesFile, ReportFile];
}
