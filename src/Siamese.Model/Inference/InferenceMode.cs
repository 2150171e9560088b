using Siamese.Model.Network;
using static TorchSharp.torch;

namespace Siamese.Model.Inference;

/// <summary>
/// How the network is asked for answers outside training: in evaluation mode (BatchNorm uses its running statistics),
/// without autograd, and with every tensor made meanwhile freed at the end. A network that was training is put back
/// to training after; one already in evaluation mode (a served model) is left untouched.
/// </summary>
public static class InferenceMode
{
    /// <summary>Runs <paramref name="compute"/> in inference mode and returns its plain result (tensors made inside are freed).</summary>
    public static T Run<T>(SiameseNetwork network, Func<T> compute)
    {
        bool wasTraining = network.training;
        if (wasTraining) network.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            return compute();
        }
        finally
        {
            if (wasTraining) network.train();
        }
    }
}
