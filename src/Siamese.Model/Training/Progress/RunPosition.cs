namespace Siamese.Model.Training.Progress;

/// <summary>
/// Where a run stands while it trains: the steps done (counting those before a resume) of those planned, the loss of
/// each step trained since it started, how many steps in a row were skipped, and the meter for the progress log.
/// </summary>
internal sealed class RunPosition
{
    private readonly TrainingHistory prior;
    private readonly List<float> stepLosses = [];
    private int skippedInARow;

    public RunPosition(ResumePoint? resume, long plannedSteps, TimeSpan progressInterval)
    {
        Step = resume?.Steps ?? 0;
        PlannedSteps = plannedSteps;
        prior = resume?.History is { } stored && stored.LastStep == Step ? stored : new TrainingHistory(Step + 1, [], []);
        Progress = new ProgressMeter(plannedSteps - Step, progressInterval);
    }

    public long Step { get; private set; }

    public long PlannedSteps { get; }

    public bool Finished => Step >= PlannedSteps;

    public IReadOnlyList<float> StepLosses => stepLosses;

    public ProgressMeter Progress { get; }

    /// <summary>The steps an epoch of <paramref name="stepsPerEpoch"/> may take: all of them, or what the plan has left.</summary>
    public int StepsLeft(int stepsPerEpoch) => (int)Math.Min(stepsPerEpoch, PlannedSteps - Step);

    /// <summary>Counts a trained step and keeps its loss.</summary>
    public void Trained(float loss)
    {
        Step++;
        skippedInARow = 0;
        stepLosses.Add(loss);
    }

    /// <summary>Counts a skipped step; returns how many steps in a row were skipped.</summary>
    public int Skipped()
    {
        Step++;
        return ++skippedInARow;
    }

    /// <summary>
    /// The run's history for a checkpoint: the history it resumed with (when that ends where this session began), then
    /// this session's steps and <paramref name="epochs"/>.
    /// </summary>
    public TrainingHistory History(IReadOnlyList<EpochSummary> epochs) =>
        new(prior.FirstStep, [.. prior.StepLosses, .. stepLosses], [.. prior.Epochs, .. epochs.Select(EpochPoint.Of)]);
}
