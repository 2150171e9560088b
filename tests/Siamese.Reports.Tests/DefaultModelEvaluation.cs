using Siamese.Model.Checkpoints;
using Siamese.Model.Data;
using Siamese.Model.Evaluation;

namespace Siamese.Reports.Tests;

/// <summary>A real evaluation to draw: the shipped default model on the 20 Omniglot one-shot runs (400 trials), made once.</summary>
public static class DefaultModelEvaluation
{
    private static readonly Lazy<(OneShotSet Set, OneShotResult Result)> Evaluation = new(Evaluate);

    public static OneShotSet Set => Evaluation.Value.Set;

    public static OneShotResult Result => Evaluation.Value.Result;

    public static OneShotSummary Summary => OneShotSummary.Of(Set, Result);

    private static (OneShotSet, OneShotResult) Evaluate()
    {
        var (network, metadata) = DefaultModel.Load();
        using var _ = network;
        var loader = new OneShotSetLoader(metadata.Preprocessing.ToPreprocessor(), metadata.Preprocessing.ColorMode);
        using ImageArchive runs = ImageArchive.Open(SampleImages.AllRuns);
        OneShotSet set = loader.LoadOmniglotRuns(runs);
        return (set, OneShotEvaluator.Evaluate(network, set));
    }
}
