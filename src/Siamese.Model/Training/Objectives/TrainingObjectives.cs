using static TorchSharp.torch;

namespace Siamese.Model.Training.Objectives;

/// <summary>The objective a run's options name, over the run's data.</summary>
public static class TrainingObjectives
{
    public static ITrainingObjective For(TrainingRun run, Device device) => run.Options.Objective switch
    {
        TrainingObjective.InBatch => run.Classes is { } classes
            ? new InBatchObjective(run.Network, classes, run.Options, device)
            : throw new InvalidInputException("training.objective",
                "In-batch training needs the training images by class; this data source provides rendered pairs only " +
                "(use Objective Pairs)."),
        _ => new PairObjective(run.Network, run.Pairs, run.Options, device),
    };
}
