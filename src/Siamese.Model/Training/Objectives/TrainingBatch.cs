using static TorchSharp.torch;

namespace Siamese.Model.Training.Objectives;

/// <summary>
/// One step's batch: how many pair judgements it holds and how its loss is built (a step may build it twice, see
/// <see cref="TrainingStep"/>). Disposing it frees the tensors it was drawn as.
/// </summary>
public sealed class TrainingBatch(int pairs, Func<Tensor> loss, params IReadOnlyList<Tensor> tensors) : IDisposable
{
    public int Pairs => pairs;

    /// <summary>The batch's loss, a scalar tensor in the caller's dispose scope.</summary>
    public Tensor Loss() => loss();

    public void Dispose()
    {
        foreach (Tensor tensor in tensors) tensor.Dispose();
    }
}
