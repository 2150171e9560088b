using Siamese.Model;
using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Training;

namespace Siamese.Trainer.Evaluation;

/// <summary>The trials a checkpoint is evaluated on, and the impostor trials over the same classes where some have impostors.</summary>
internal static class EvaluationTrials
{
    public static (OneShotSet Set, OneShotSet? Impostors) Load(OneShotSetLoader loader, EvaluationRequest request,
        CheckpointMetadata metadata) =>
        request.HeldOut
            ? LoadHeldOut(loader, metadata, request.Data)
            : LoadSet(loader, request.Runs, request.Data, request.Ways, request.Trials, request.Seed);

    private static (OneShotSet Set, OneShotSet? Impostors) LoadSet(OneShotSetLoader loader, string? runs, IReadOnlyList<string> data,
        int ways, int trials, int seed)
    {
        if (runs is not null)
        {
            using ImageArchive archive = ImageArchive.Open(runs);
            return (loader.LoadOmniglotRuns(archive), null);
        }
        using ImageArchive source = ImageArchive.Open(data);
        ClassIndex index = ArchiveClasses.Index(source).RequireTrainable(source.Name);
        if (trials < 1)
            throw new InvalidInputException("oneshot.trials", $"--trials must be at least 1, not {trials}.");
        return (loader.Sample(source, index.Classes, ways, trials, seed, $"{source.Name}: {index.Classes.Count} classes"),
            ImpostorTrials.Sample(source, index.Classes, trials, seed, loader));
    }

    /// <summary>
    /// The validation trials the checkpoint's training scored it on: its held-out classes of its own data, its seed, ways and
    /// count; and its impostor trials, where those classes have impostors.
    /// </summary>
    private static (OneShotSet Set, OneShotSet? Impostors) LoadHeldOut(OneShotSetLoader loader, CheckpointMetadata metadata,
        IReadOnlyList<string> data)
    {
        using ImageArchive source = ImageArchive.Open(data);
        if (source.ContentId != metadata.Data.Id)
            throw new InvalidInputException("held-out.other-data",
                $"'{source.Name}' (data id {source.ContentId}) is not the data the checkpoint was trained on " +
                $"({metadata.Data.Source}, id {metadata.Data.Id}); its held-out classes exist only there.");
        var training = new TrainingOptions
        {
            ValidationFraction = metadata.Training.ValidationFraction,
            MinValidationClasses = metadata.Training.MinValidationClasses,
            Seed = metadata.Training.Seed,
            ValidationWays = metadata.Metrics.ValidationWays,
            ValidationTrials = metadata.Metrics.ValidationTrials,
        };
        IReadOnlyList<ImageClass> classes = ArchiveClasses.Index(source).RequireTrainable(source.Name).Classes;
        var (_, heldOut) = ClassSplit.Split(classes, training.ValidationFraction, training.Seed, training.MinValidationClasses);
        OneShotSet set = ValidationTrials.Sample(source, heldOut, training, loader)
                         ?? throw new InvalidInputException("held-out.too-few",
                             $"The checkpoint's training held out {heldOut.Count} classes of '{source.Name}'; one-shot trials need two.");
        return (set, ImpostorTrials.Sample(source, heldOut, training, loader));
    }
}
