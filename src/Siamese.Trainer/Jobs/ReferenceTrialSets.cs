using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;
using Siamese.Model.Network;
using Siamese.Storage.Datasets;
using Siamese.Storage.Promotion;

namespace Siamese.Trainer.Jobs;

/// <summary>
/// The images of a reference a served model was chosen on, opened once so that the champion and the challenger are scored
/// on the same trials, each with its own preprocessing: Lake's runs shipped with the default model, or a dataset's
/// held-out classes read back from storage exactly as its run's validation sampled them.
/// </summary>
public sealed class ReferenceTrialSets(DatasetReader datasets)
{
    public async Task<ReferenceImages> OpenAsync(ReferenceTrials reference, CancellationToken cancellationToken)
    {
        if (reference.IsShippedBenchmark) return new ReferenceImages(reference, ImageArchive.Open(DefaultModel.Benchmark), null);
        PreparedDataset dataset = await datasets.ReadAsync(reference.DatasetId!, cancellationToken);
        MemoryImageArchive images = await datasets.ReadClassArchiveAsync(dataset, cancellationToken);
        var (_, heldOut) = ClassSplit.Split(ClassIndex.Build(images.Entries).Classes, reference.ValidationFraction, reference.Seed,
            reference.MinValidationClasses);
        return new ReferenceImages(reference, images, heldOut);
    }
}

/// <summary>A reference's images, ready to score any model on its trials.</summary>
public sealed class ReferenceImages(ReferenceTrials reference, ImageArchive images, IReadOnlyList<ImageClass>? heldOut) : IDisposable
{
    public ReferenceTrials Reference { get; } = reference;

    public OneShotResult Score(SiameseNetwork network, CheckpointMetadata metadata, CancellationToken cancellationToken)
    {
        var loader = OneShotSetLoader.For(metadata.Preprocessing);
        OneShotSet trials = heldOut is null
            ? loader.LoadOmniglotRuns(images)
            : ValidationTrials.Sample(images, heldOut, Reference.Ways, Reference.Trials, Reference.Seed, loader)
              ?? throw new InvalidOperationException($"{Reference.Name} has fewer than two classes.");
        return OneShotEvaluator.Evaluate(network, trials, cancellationToken: cancellationToken);
    }

    public void Dispose() => images.Dispose();
}
